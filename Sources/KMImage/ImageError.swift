/// Why an image could not be read or written.
///
/// Every case names the file (or the `source` label given to `PNGReader.decode`)
/// and its ``description`` says what the user can do about it.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file exists at the path.
    case fileNotFound(path: String)
    /// The path exists but could not be read (a folder, no permission, I/O error).
    case unreadable(path: String, reason: String)
    /// The file has zero bytes.
    case emptyFile(path: String)
    /// The bytes are not a PNG. `looksLike` names the format recognised from the magic bytes
    /// ("JPEG", "GIF", "SVG", …) or is `nil` when nothing was recognised.
    case notPNG(path: String, looksLike: String?)
    /// The PNG stream stops before its end (IEND); `byteCount` is how many bytes there were.
    case truncated(path: String, byteCount: Int)
    /// The PNG is damaged (bad CRC, bad compressed data, invalid header); `message` is libpng's.
    case corrupt(path: String, message: String)
    /// The header declares a width or height of zero.
    case zeroSize(path: String, width: Int, height: Int)
    /// The header declares more than `limit` pixels; refused before any pixel buffer is allocated.
    case tooLarge(path: String, width: Int, height: Int, limit: Int)
    /// A raster could not be encoded (inconsistent size, or libpng refused it).
    case encodeFailed(reason: String)
    /// The encoded PNG could not be written to `path`.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file. Check the path (it is resolved from the current directory)."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)). Check that it is a file you have permission to read."
        case .emptyFile(let path):
            return "\(path): the file is empty (0 bytes). Re-export or re-download the figure."
        case .notPNG(let path, let looksLike?):
            return "\(path): not a PNG (looks like \(looksLike)). Convert the figure to PNG first."
        case .notPNG(let path, nil):
            return "\(path): not a PNG (unknown format: no PNG signature). Convert the figure to PNG first."
        case .truncated(let path, let byteCount):
            return "\(path): truncated PNG (the data stops after \(byteCount) bytes, before the end of the image). "
                + "Re-export or re-download the figure."
        case .corrupt(let path, let message):
            return "\(path): corrupt PNG (libpng: \(message)). Re-export or re-download the figure."
        case .zeroSize(let path, let width, let height):
            return "\(path): the PNG is \(width)x\(height) pixels; a figure needs a non-zero width and height."
        case .tooLarge(let path, let width, let height, let limit):
            return "\(path): \(width)x\(height) pixels is over the limit of \(limit) pixels. "
                + "Downscale the figure or raise the pixel limit."
        case .encodeFailed(let reason):
            return "cannot encode PNG: \(reason)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write PNG (\(reason)). Check that the folder exists and is writable."
        }
    }
}
