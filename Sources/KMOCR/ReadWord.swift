import KMImage

/// One word read from the figure.
public struct ReadWord: Sendable, Equatable {
    /// Where the word is, pixels (origin top-left).
    public var box: PixelBox
    /// Height of its full-size glyphs, pixels.
    public var glyphHeight: Int
    /// What was read: for a number the text its reads agreed on (the vote's winner when voted
    /// on), the unrestricted read otherwise.
    public var text: String
    /// The printed number (a `%` sign dropped: "50%" → 50), or nil when the word is not a number.
    public var value: Double?
    /// Whether the number was printed with a `%` sign.
    public var isPercent: Bool
    /// How many of the `reads` agreed with `text`, 0…`reads`; 0 for text. A number accepted
    /// before the vote has every read agreeing (1 of 1 or 2 of 2); a voted number is confident
    /// with 3 or more of 4.
    public var votes: Int
    /// How many reads `votes` counts: 1 when the unrestricted read alone was unambiguous
    /// (printed digits, engine confidence ≥ 95), 2 when it and the digits-only read at 24 px
    /// agreed (both ≥ 93), else 4: the digits-only reads at glyph heights 20, 24, 28 and 32 px
    /// voted on. Text keeps the default, 4.
    public var reads: Int = 4
    /// How many of the four digits-only reads returned a different non-empty text, 0…4; reads
    /// that return nothing (common for a lone glyph) abstain rather than disagree. 0 for a
    /// number accepted before the vote.
    public var conflicts: Int = 0
    /// Whether the unrestricted read (no whitelist, look-alike letters mapped to digits) gave
    /// the same text; an independent second opinion.
    public var unrestrictedAgrees: Bool = false
    /// Tesseract's own confidence for the 24 px read (the digits-only one, unless the
    /// unrestricted read alone was taken), 0…100.
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

    /// Whether a number was read consistently: accepted before the vote (every read agreed with
    /// high engine confidence), or voted on with at least 3 of 4 reads agreeing, or 2 agreeing
    /// with none disagreeing and the unrestricted read agreeing too.
    public var isConfident: Bool {
        guard value != nil else { return false }
        if reads < WordReader.voteHeights.count { return votes == reads }
        return votes >= 3 || (votes >= 2 && conflicts == 0 && unrestrictedAgrees)
    }

    /// Whether the word is a number.
    public var isNumber: Bool { value != nil }
}
