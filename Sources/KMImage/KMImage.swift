// KMImage — the first stage of the pipeline: PNG figures in and out, the Raster type, colour spaces.
//
// - `PNGReader.read(contentsOf:)` / `decode(_:source:)` — any PNG (1–16-bit gray, gray+alpha,
//   RGB, RGBA, palette with tRNS, interlaced) into an 8-bit RGB `Raster`, transparency flattened
//   onto white. Through libpng's simplified `png_image` API, which reports errors in a message
//   field instead of `longjmp`-ing through Swift.
// - `PNGWriter.encode(_:)` / `write(_:to:)` — a `Raster` as an 8-bit RGB PNG; `write` is atomic.
// - `ImageError` — why a file could not be read or written, naming the file and what to do:
//   missing, empty, truncated, corrupt (libpng's message), not a PNG ("looks like JPEG"),
//   zero-size, or over the pixel limit (checked from the IHDR header before allocating).
// - `RGB`, `SRGB`, `LabColor` — pixel access, `#RRGGBB` parsing, luminance, sRGB → CIELAB (D65)
//   and the CIE76 / CIEDE2000 colour differences used to tell curves apart.
//
// Two libpng subtleties are handled here (see `PNGReader.swift`): 16-bit files without a gAMA
// chunk are read as sRGB, not linear; and 16-bit files are converted to 8 bits in Swift because
// libpng 1.6's own conversion scrambles the rows of interlaced 16-bit images.
