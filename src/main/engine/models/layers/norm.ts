/** Picks a normalisation by name, so blocks can be shared by networks that normalise differently. */
import { type Apply, identity } from './apply';
import { instanceNorm } from './instance-norm';
import { layerNorm } from './layer-norm';
import { lin } from './lin';
import { type ParamScope } from './params';

export type NormKind = 'layer' | 'instance' | 'lin' | 'none';

/**
 * A normalisation layer named `<name>`; 'none' is the identity and creates no variables. x [N,H,W,C] -> same.
 * `layerEps` overrides layer norm's variance floor (imported PyTorch weights).
 */
export function norm(scope: ParamScope, name: string, kind: NormKind, channels: number, layerEps?: number): Apply {
  switch (kind) {
    case 'layer':
      return layerNorm(scope, name, channels, layerEps);
    case 'instance':
      return instanceNorm(scope, name, channels);
    case 'lin':
      return lin(scope, name, channels);
    case 'none':
      return identity;
  }
}
