/**
 * The depthwise convolution's gradients straight from their definition, in float64, for cases the cpu
 * backend cannot check: its backprop kernels ignore dilations.
 */
import * as tf from '@tensorflow/tfjs';

export interface DepthwiseGeometry {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
}

/** Calls visit(xIndex, dyIndex, wIndex) for every multiply of the forward depthwise convolution. */
function forEachProduct(g: DepthwiseGeometry, visit: (xi: number, dyi: number, wi: number) => void): number[] {
  const info = tf.backend_util.computeConv2DInfo(g.x, g.filter, g.strides, g.dilations, g.pad, undefined, true);
  const [n, h, w, c] = g.x;
  const [kh, kw, , m] = g.filter;
  const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  for (let b = 0; b < n; b++)
    for (let y = 0; y < oh; y++)
      for (let xo = 0; xo < ow; xo++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const r = y * sh + i * dh - info.padInfo.top;
            const col = xo * sw + j * dw - info.padInfo.left;
            if (r < 0 || r >= h || col < 0 || col >= w) continue;
            for (let k = 0; k < c; k++)
              for (let q = 0; q < m; q++) {
                visit(((b * h + r) * w + col) * c + k, ((b * oh + y) * ow + xo) * c * m + k * m + q, ((i * kw + j) * c + k) * m + q);
              }
          }
  return [n, oh, ow, c * m];
}

/** The dy shape the forward convolution produces. */
export function depthwiseOutShape(g: DepthwiseGeometry): number[] {
  return forEachProduct(g, () => undefined);
}

/** dx of the depthwise convolution from dy and the filter. */
export function depthwiseInputReference(g: DepthwiseGeometry, dy: Float32Array, filter: Float32Array): Float64Array {
  const dx = new Float64Array(g.x.reduce((a, b) => a * b, 1));
  forEachProduct(g, (xi, dyi, wi) => {
    dx[xi]! += dy[dyi]! * filter[wi]!;
  });
  return dx;
}

/** dw of the depthwise convolution from x and dy. */
export function depthwiseFilterReference(g: DepthwiseGeometry, x: Float32Array, dy: Float32Array): Float64Array {
  const dw = new Float64Array(g.filter.reduce((a, b) => a * b, 1));
  forEachProduct(g, (xi, dyi, wi) => {
    dw[wi]! += x[xi]! * dy[dyi]!;
  });
  return dw;
}
