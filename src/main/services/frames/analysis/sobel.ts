/**
 * 3x3 Sobel derivatives with BORDER_REPLICATE, the gradients cv::Canny computes internally (Sobel(src, CV_16S, 1, 0, 3,
 * 1, 0, BORDER_REPLICATE) and the same for y). dx = (right column - left column) weighted 1,2,1 down the rows; dy is
 * the transpose, positive where the image gets brighter downwards.
 */

/** Sobel x and y derivatives of `gray`. gray: Uint8Array of width*height, row-major; dx, dy: Int16Array of width*height, row-major, each -1020..1020. */
export function sobel3(gray: Uint8Array, width: number, height: number): { dx: Int16Array; dy: Int16Array } {
  const dx = new Int16Array(width * height);
  const dy = new Int16Array(width * height);
  if (width === 0) return { dx, dy };
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : 0) * width;
    const row = y * width;
    const down = (y < height - 1 ? y + 1 : height - 1) * width;
    // Slide a three-column window along the row, keeping each column's 1,2,1 sum (for dx) and its down-minus-up
    // difference (for dy) in locals: three reads per pixel. Column -1 and column `width` replicate the edge columns.
    let sumLeft = gray[up]! + 2 * gray[row]! + gray[down]!;
    let diffLeft = gray[down]! - gray[up]!;
    let sumHere = sumLeft;
    let diffHere = diffLeft;
    for (let x = 0; x < width; x++) {
      const next = x + 1 < width ? x + 1 : x;
      const a = gray[up + next]!;
      const c = gray[down + next]!;
      const sumRight = a + 2 * gray[row + next]! + c;
      const diffRight = c - a;
      dx[row + x] = sumRight - sumLeft;
      dy[row + x] = diffLeft + 2 * diffHere + diffRight;
      sumLeft = sumHere;
      diffLeft = diffHere;
      sumHere = sumRight;
      diffHere = diffRight;
    }
  }
  return { dx, dy };
}
