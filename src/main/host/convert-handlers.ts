/** Routes of the convert calls: clips and conversions to the conversions service, previews and stills to the stills one. */
import type { CallHandlers } from '@shared/contract';
import type { ConversionsService } from '../services/convert/conversions-service';
import type { StillsService } from '../services/stills/stills-service';

type ConvertCalls = 'convert.probe' | 'convert.runStyles' | 'convert.preview' | 'convert.frameTime' | 'convert.still' | 'convert.clip' | 'convert.photos';

/** The routes; each argument arrives validated by the contract. */
export function convertHandlers(conversions: ConversionsService, stills: StillsService): Pick<CallHandlers, ConvertCalls> {
  return {
    'convert.probe': async (a) => conversions.probe(a),
    'convert.runStyles': async () => conversions.runStyles(),
    'convert.frameTime': async (a) => conversions.frameTime(a),
    'convert.clip': async (a) => conversions.startClip(a),
    'convert.photos': async (a) => conversions.startPhotos(a),
    'convert.preview': async (a) => stills.preview(a),
    'convert.still': async (a) => stills.still(a),
  };
}
