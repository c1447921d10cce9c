import { printDocument, type PrintedPageMargins } from '../../../common/pdf/printed-document';
import type { ImplantCard } from '../dto/implant-card.dto';

/**
 * A card is the size of a credit card (ISO/IEC 7810 ID-1: 85.60 × 53.98 mm), to cut out and keep
 * in a wallet. 1 mm = 72 / 25.4 pt.
 */
export const CARD_WIDTH = (85.6 * 72) / 25.4;
export const CARD_HEIGHT = (53.98 * 72) / 25.4;
const GAP = 12;

/**
 * A4 pages whose printed area also fits US Letter (docs/theater.md "Implant card"): A4 is
 * 595 × 842 pt and Letter 612 × 792, so the content keeps within 515 pt across (A4's width less
 * 40 a side) and, top and bottom, 60 pt in from A4's edges: printed on Letter at actual size, A4
 * loses 25 pt at the top and bottom, which leaves 35 pt, above a printer's usual 18 pt margin; fit
 * to the page, it is scaled to 94 % and nothing is lost.
 */
export const CARD_PAGE_MARGINS: PrintedPageMargins = { top: 60, bottom: 60, left: 40, right: 40 };

const PAD = 7;
const LABEL_WIDTH = 48;
const TEXT_SIZE = 6.5;
const LINE = 8.2;

/** The patient's device cards, two across and as many rows as fit, cut lines dashed. */
export function implantCardsPdf(content: {
  clinic: { name: string; phone: string | null };
  patientName: string;
  caseNumber: string;
  cards: ImplantCard[];
}): Promise<Buffer> {
  return printDocument(
    {
      clinic: { name: content.clinic.name, phone: content.clinic.phone },
      subtitle: `Implant card${content.cards.length === 1 ? '' : 's'} for ${content.patientName}, case ${content.caseNumber}. Cut along the dashed lines and keep a card with you.`,
      title: `Implant cards ${content.caseNumber}`,
    },
    (doc) => {
      const left = doc.page.margins.left;
      let y = doc.y;
      content.cards.forEach((card, i) => {
        const column = i % 2;
        if (column === 0 && i > 0) y += CARD_HEIGHT + GAP;
        if (column === 0 && y + CARD_HEIGHT > doc.page.height - doc.page.margins.bottom) {
          doc.addPage();
          y = doc.page.margins.top;
        }
        drawCard(doc, left + column * (CARD_WIDTH + GAP), y, card, content.patientName);
      });
      if (content.cards.length === 0)
        doc.font('Helvetica').fontSize(10).text('No implant was recorded for this case.', left, y);
    },
    { margins: CARD_PAGE_MARGINS },
  );
}

function drawCard(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  card: ImplantCard,
  patientName: string,
): void {
  doc.save();
  doc.lineWidth(0.5).dash(3, { space: 2 }).strokeColor('#777777');
  doc.roundedRect(x, y, CARD_WIDTH, CARD_HEIGHT, 6).stroke();
  doc.undash().restore();
  doc.rect(x + 0.5, y + 0.5, CARD_WIDTH - 1, 15).fill('#e8eef5');
  doc.fillColor('black').font('Helvetica-Bold').fontSize(7.5);
  doc.text('PATIENT IMPLANT CARD', x + PAD, y + 4.5, {
    width: CARD_WIDTH - 2 * PAD,
    lineBreak: false,
  });
  const rows: [string, string][] = [
    ['Patient', patientName],
    ['Device', card.deviceName],
    ['Manufacturer', card.manufacturer ?? '—'],
    ['Size / shape', [card.size, card.shape].filter(Boolean).join(' / ') || '—'],
    ['Lot', card.lotNumber],
    ['Serial no.', card.serialNumber ?? '—'],
    ['UDI', card.udi ?? '—'],
    ['Surgery', card.surgeryDate],
    ['Surgeon', card.surgeonName],
    ['Clinic', [card.clinicName, card.clinicPhone].filter(Boolean).join(', ')],
  ];
  let rowY = y + 20;
  const valueWidth = CARD_WIDTH - 2 * PAD - LABEL_WIDTH;
  for (const [label, value] of rows) {
    doc.font('Helvetica-Bold').fontSize(TEXT_SIZE).fillColor('#444444');
    doc.text(label, x + PAD, rowY, { width: LABEL_WIDTH, lineBreak: false });
    doc.font('Helvetica').fillColor('black');
    // The UDI may take two lines; every other value is cut to one, ending in an ellipsis.
    const lines = label === 'UDI' ? 2 : 1;
    doc.text(value, x + PAD + LABEL_WIDTH, rowY, {
      width: valueWidth,
      height: lines * LINE,
      ellipsis: true,
      lineGap: 0,
    });
    rowY += label === 'UDI' && doc.widthOfString(value) > valueWidth ? 2 * LINE : LINE;
  }
  doc.x = doc.page.margins.left;
}
