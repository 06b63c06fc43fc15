/// Turns OCR text into numbers, the way tick labels and at-risk counts are printed:
/// `^\d+(\.\d+)?%?$` after mapping look-alike letters to digits.
enum NumberText {
    /// Letters and signs Tesseract returns for digits when it reads without a whitelist.
    static let confusables: [Character: Character] = [
        "O": "0", "o": "0", "D": "0", "Q": "0",
        "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "]": "1", "[": "1",
        "S": "5", "s": "5", "$": "5",
        "B": "8", "Z": "2", "z": "2",
        ",": ".",
    ]

    /// What a lone glyph read as a bracket or bar really is: a "1".
    static let loneOneShapes: Set<String> = ["{", "[", "(", "|", "!", "/", "]", ")", "}", "l", "I", "i"]

    /// `text` with confusable letters replaced by digits.
    static func mapped(_ text: String) -> String {
        String(text.map { confusables[$0] ?? $0 })
    }

    /// The value of a number as printed, or nil when `text` is not one. A trailing `%` is
    /// allowed and reported; the value is the printed number (50% → 50).
    static func parse(_ text: String) -> (value: Double, percent: Bool)? {
        var body = Substring(text)
        let percent = body.hasSuffix("%")
        if percent { body = body.dropLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        guard let value = Double(body) else { return nil }
        return (value, percent)
    }

    /// The characters of one token (no spaces) that form a number: the whole token when it
    /// reads as one ("138", "l38"); a count with a parenthesised count after it, as tables
    /// print the censored or events beside those at risk ("0(15)" → "0"); else a trailing run
    /// of digits and look-alikes holding a real digit after letters ("Nonmaintainel2" → "l2",
    /// a label printed against its count). Character offsets; nil when the token holds no number.
    static func digitRun(_ token: String) -> Range<Int>? {
        guard hasDigit(token) else { return nil }
        if parse(mapped(token)) != nil { return 0..<token.count }
        let characters = Array(token)
        if let open = characters.firstIndex(of: "("), open > 0, characters.last == ")", open + 2 < characters.count,
           characters[..<open].allSatisfy(\.isASCIIDigit), characters[(open + 1)..<(characters.count - 1)].allSatisfy(\.isASCIIDigit) {
            return 0..<open
        }
        var start = characters.count
        while start > 0, characters[start - 1].isASCIIDigit || (confusables[characters[start - 1]].map(\.isASCIIDigit) ?? false) {
            start -= 1
        }
        guard start < characters.count, start > 0, characters[start - 1].isLetter,
              hasDigit(String(characters[start...])) else { return nil }
        return start..<characters.count
    }

    /// The digits of an integer printed with thousands separators, as large counts are
    /// ("2,400", "12,345"), or nil: a first group of one to three digits not starting with 0,
    /// then groups of exactly three digits, each after `separator`. A decimal comma ("0,5",
    /// "1,25") has no group of three after it.
    static func groupedDigits(_ text: String, separator: Character) -> String? {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count), first.first != "0",
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return groups.joined()
    }

    /// Whether `text` holds any ASCII digit.
    static func hasDigit(_ text: String) -> Bool { text.contains(where: \.isASCIIDigit) }

    /// Whether `text` holds any letter that is not a digit look-alike.
    static func hasLetters(_ text: String) -> Bool {
        text.contains { $0.isLetter && confusables[$0] == nil }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
