import QRCode from 'qrcode';
import type { Pdf } from './pdf-file';

/**
 * Draws a QR code of `text` as vector squares (no image): the `qrcode` library makes the
 * matrix, each dark module becomes one filled square. `size` includes the 2-module quiet zone.
 */
export function drawQrCode(pdf: Pdf, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const quiet = 2;
  const step = size / (count + 2 * quiet);
  pdf.save();
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (modules.get(row, col)) {
        pdf.rect(x + (col + quiet) * step, y + (row + quiet) * step, step, step);
      }
    }
  }
  pdf.fillColor('black').fill();
  pdf.restore();
}
