import KMImage

/// One word read from the figure.
public struct ReadWord: Sendable, Equatable {
    /// Where the word is, pixels (origin top-left).
    public var box: PixelBox
    /// Height of its full-size glyphs, pixels.
    public var glyphHeight: Int
    /// What was read: the winning digits-only read for a number, the unrestricted read otherwise.
    public var text: String
    /// The printed number (a `%` sign dropped: "50%" → 50), or nil when the word is not a number.
    public var value: Double?
    /// Whether the number was printed with a `%` sign.
    public var isPercent: Bool
    /// How many of the four digits-only reads (glyph heights 20, 24, 28 and 32 px) agreed with
    /// `text`, 0…4; 0 for text. Three or more is a confident number.
    public var votes: Int
    /// How many of the four digits-only reads returned a different non-empty text, 0…4; reads
    /// that return nothing (common for a lone glyph) abstain rather than disagree.
    public var conflicts: Int = 0
    /// Whether the unrestricted read (no whitelist, look-alike letters mapped to digits) gave
    /// the same text; an independent second opinion.
    public var unrestrictedAgrees: Bool = false
    /// Tesseract's own confidence for the 24 px read, 0…100.
    public var engineConfidence: Int
    /// The word's ink colour: the mean of its darkest pixels.
    public var color: RGB

    public init(box: PixelBox, glyphHeight: Int, text: String, value: Double?, isPercent: Bool = false,
                votes: Int, engineConfidence: Int, color: RGB = .black) {
        self.box = box
        self.glyphHeight = glyphHeight
        self.text = text
        self.value = value
        self.isPercent = isPercent
        self.votes = votes
        self.engineConfidence = engineConfidence
        self.color = color
    }

    /// Whether a number was read consistently: at least 3 of 4 reads agree, or 2 agree with
    /// none disagreeing and the unrestricted read agreeing too.
    public var isConfident: Bool {
        value != nil && (votes >= 3 || (votes >= 2 && conflicts == 0 && unrestrictedAgrees))
    }

    /// Whether the word is a number.
    public var isNumber: Bool { value != nil }
}
