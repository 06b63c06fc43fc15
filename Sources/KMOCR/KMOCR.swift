// KMOCR: reads the text around a Kaplan–Meier plot, offline, with libtesseract loaded at run time.
//
// Pipeline (one file per step):
//   InkMap → ComponentMap (8-connected blobs of ink ≥ 90; a pale blob's from half its darkest)
//   → GlyphPieces → WordGrouper
//   → WordCrop (blank neighbours, 24 px glyphs) → OCREngine (PSM 7, whitelist; a 4-height vote
//     for numbers whose first reads are not unambiguous)
//   → WordReader / WordFinder (ReadWord: box, text, value, votes of reads)
//   → AxisLabelReader (sign-constrained RANSAC, tick snap, fail closed) → AxisLabelCalibration
//   → AtRiskTableReader (rows, tick columns, shift guards) → AtRiskTable.arms (row ↔ arm)
//   FigureTextReader ties them together for one figure; OCREnginePool shares engines in batches.
//
// Inputs are plain pixel positions (PlotLayout); nothing here depends on KMDigitize.
// Units: pixels have their origin at the image's top-left, x to the right, y down; axis values
// are in printed units (time in the figure's unit; survival as printed, 50 for "50%").
