import KMImage

/// Reads word candidates with an ``OCREngine``, one crop at a time (see ``WordCrop``), with as
/// few reads as each word needs:
///
/// 1. an unrestricted read at 24 px glyph height decides number or text; with the digit
///    whitelist, text such as "Male" would come back as junk digits. A number is taken from
///    this read alone when it is unambiguous: printed digits (no look-alike letter mapped), as
///    many glyphs as the word has (``GlyphShape``) and engine confidence at least
///    ``firstReadConfidence``;
/// 2. otherwise a digits-only read at 24 px that gives the same number, with both reads at
///    least ``secondReadConfidence``, settles it;
/// 3. otherwise the number is voted on: digits-only reads at glyph heights 20, 24, 28 and
///    32 px, the majority wins and the number of agreeing reads is its vote count;
///
/// a mixed word ("Arm A 741", "351 344") is split by the engine's character boxes and each
/// digit run is voted on. Inner spaces are never deleted.
///
/// On the benchmark figures (the dev, KM-GPT, journal and sample sets: 3,673 numbers) steps 1
/// and 2 always gave the vote's value and never accepted a number that the vote left weak;
/// they cut the reads per number from 5 to about 1.5.
struct WordReader {
    static let voteHeights = [20, 24, 28, 32]
    /// The glyph height of the first reads, pixels; one of ``voteHeights``.
    static let readHeight = 24
    /// Least engine confidence (0…100) for a number to be taken from the unrestricted read alone.
    static let firstReadConfidence = 95
    /// Least engine confidence (0…100) of both reads for a number on which the unrestricted and
    /// the 24 px digits-only read agree.
    static let secondReadConfidence = 93

    let engine: OCREngine
    let ink: InkMap
    let components: ComponentMap
    let raster: Raster
    /// Vote on every number, skipping steps 1 and 2 (about 3× the reads, for the same values
    /// on the benchmark figures).
    var alwaysVote = false

    /// What one candidate reads as.
    struct Reading {
        /// Usually one word; several when a mixed word is split, none when nothing in it reads.
        var words: [ReadWord]
        /// Whether `words` is the candidate's unrestricted read as text, which ``readText(_:)``
        /// would give again.
        var isWholeText: Bool
    }

    /// How `candidate` reads: a number, text, or the parts of a mixed word.
    func read(_ candidate: WordCandidate) -> Reading {
        let crop = WordCrop(word: candidate, ink: ink, components: components)
        let normal = crop.normalized(glyphHeight: Self.readHeight)
        let free = engine.readLine(normal, numeric: false, symbols: true)
        let full = candidate.members.filter { components.components[$0].box.height >= candidate.glyphHeight * 7 / 10 }
        var mapped = NumberText.mapped(free.text)
        if full.count == 1, NumberText.loneOneShapes.contains(free.text) { mapped = "1" }
        func whole() -> Reading { Reading(words: [text(candidate, free.text, free.confidence)], isWholeText: true) }

        // A count with a parenthesised count after it ("0(15)") is split like a mixed word.
        let countWithNote = !free.text.contains(" ") && NumberText.digitRun(free.text).map { $0.upperBound < free.text.count && $0.lowerBound == 0 } == true
        let numberLike = NumberText.hasDigit(mapped) && !NumberText.hasLetters(free.text) && !free.text.contains(" ") && !countWithNote
        if NumberText.parse(mapped) != nil || numberLike || free.text.isEmpty {
            guard let number = number(candidate, crop: crop, normal: normal, free: free, unrestricted: mapped) else { return whole() }
            return Reading(words: [number], isWholeText: false)
        }
        let tokens = free.text.split(separator: " ").map(String.init)
        let runs = tokens.compactMap(NumberText.digitRun)
        let mixed = !runs.isEmpty && (tokens.count > 1 || runs[0].count < tokens[0].count)
        guard mixed, let parts = split(candidate, crop: crop, reading: free, normalWidth: normal.width) else { return whole() }
        return Reading(words: parts, isWholeText: false)
    }

    /// Reads a candidate known to be text with the unrestricted handle only.
    func readText(_ candidate: WordCandidate) -> ReadWord {
        let crop = WordCrop(word: candidate, ink: ink, components: components)
        let line = engine.readLine(crop.normalized(glyphHeight: Self.readHeight), numeric: false)
        return text(candidate, line.text, line.confidence)
    }

    /// A number word, read no more than it needs (steps 1–3 above), or nil when no read parses
    /// as a number.
    ///
    /// - Parameters:
    ///   - normal: the crop at ``readHeight``, as `free` read it.
    ///   - free: the unrestricted read of `normal`.
    ///   - unrestricted: `free`'s text with look-alike letters mapped to digits.
    private func number(_ candidate: WordCandidate, crop: WordCrop, normal: GrayImage, free: LineReading,
                        unrestricted: String) -> ReadWord? {
        let shape = GlyphShape(candidate, components)
        if let digits = NumberText.groupedDigits(free.text, separator: ",") {
            return grouped(candidate, crop: crop, digits: digits, free: free, normal: normal, shape: shape)
        }
        let parsed = NumberText.parse(unrestricted).flatMap { shape.admits(unrestricted) ? $0 : nil }
        if !alwaysVote, let parsed, free.text == unrestricted, free.confidence >= Self.firstReadConfidence {
            return agreed(candidate, text: unrestricted, parsed, reads: 1, confidence: free.confidence)
        }
        let digits = engine.readLine(normal, numeric: true)
        if !alwaysVote, let parsed, digits.text == unrestricted,
           min(free.confidence, digits.confidence) >= Self.secondReadConfidence {
            return agreed(candidate, text: unrestricted, parsed, reads: 2, confidence: digits.confidence)
        }
        return vote(candidate, crop: crop, shape: shape, unrestricted: unrestricted, readAtReadHeight: digits)
    }

    /// A count printed with thousands separators ("2,400"; `digits` "2400" from the unrestricted
    /// read `free`). The digits-only reads have no comma to give, so each is compared with its
    /// separators (read as points, or dropped) left out. Settled like any number: by the 24 px
    /// digits-only read giving `digits`, both reads at least ``secondReadConfidence``, else by
    /// the vote of the four digits-only reads (ties to the unrestricted digits first), as long
    /// as the word has that many full-height glyphs.
    private func grouped(_ candidate: WordCandidate, crop: WordCrop, digits: String, free: LineReading, normal: GrayImage,
                         shape: GlyphShape) -> ReadWord? {
        func stripped(_ read: String) -> String? {
            let d = read.filter { $0 != "." }
            return !d.isEmpty && d.allSatisfy(\.isASCIIDigit) && d.count >= shape.fullCount ? d : nil
        }
        let first = engine.readLine(normal, numeric: true)
        if !alwaysVote, let value = Double(digits), stripped(first.text) == digits,
           min(free.confidence, first.confidence) >= Self.secondReadConfidence {
            return agreed(candidate, text: digits, (value, false), reads: 2, confidence: first.confidence)
        }
        return vote(candidate, crop: crop, shape: shape, unrestricted: digits, readAtReadHeight: first,
                    key: stripped, preferred: digits)
    }

    /// A number every one of its `reads` agreed on, with high engine confidence.
    private func agreed(_ candidate: WordCandidate, text: String, _ parsed: (value: Double, percent: Bool), reads: Int,
                        confidence: Int) -> ReadWord {
        var word = ReadWord(box: candidate.box, glyphHeight: candidate.glyphHeight, text: text, value: parsed.value,
                            isPercent: parsed.percent, votes: reads, engineConfidence: confidence,
                            color: color(of: candidate))
        word.reads = reads
        word.unrestrictedAgrees = true
        return word
    }

    /// Majority of the four digits-only reads, or nil when none parses as a number.
    ///
    /// - Parameters:
    ///   - readAtReadHeight: the digits-only read at ``readHeight`` when it was already
    ///     made (reading the same image again gives the same result).
    ///   - key: the number a read stands for, or nil when it stands for none; by default the
    ///     read itself when it parses and fits `shape`.
    ///   - preferred: the number a tie goes to first, when one is.
    private func vote(_ candidate: WordCandidate, crop: WordCrop, shape: GlyphShape, unrestricted: String,
                      readAtReadHeight: LineReading? = nil, key: ((String) -> String?)? = nil,
                      preferred: String? = nil) -> ReadWord? {
        var reads: [(text: String, confidence: Int)] = []
        for height in Self.voteHeights {
            if height == Self.readHeight, let made = readAtReadHeight {
                reads.append((made.text, made.confidence))
                continue
            }
            let line = engine.readLine(crop.normalized(glyphHeight: height), numeric: true)
            reads.append((line.text, line.confidence))
        }
        let keys = reads.map { r in key.map { $0(r.text) } ?? (NumberText.parse(r.text) != nil && shape.admits(r.text) ? r.text : nil) }
        var tally: [String: Int] = [:]
        for k in keys { if let k { tally[k, default: 0] += 1 } }
        // Majority; ties go to `preferred`, then to the 24 px read (index 1), then to the earlier height.
        func rank(_ k: String) -> Int {
            if k == preferred { return -2 }
            if keys[1] == k { return -1 }
            return keys.firstIndex { $0 == k } ?? keys.count
        }
        guard let best = tally.max(by: { a, b in a.value != b.value ? a.value < b.value : rank(a.key) > rank(b.key) }),
              let parsed = NumberText.parse(best.key) else { return nil }
        let confidence = keys[1] == best.key ? reads[1].confidence : keys.firstIndex(of: best.key).map { reads[$0].confidence } ?? 0
        var word = ReadWord(box: candidate.box, glyphHeight: candidate.glyphHeight, text: best.key, value: parsed.value,
                            isPercent: parsed.percent, votes: best.value, engineConfidence: confidence,
                            color: color(of: candidate))
        word.conflicts = zip(reads, keys).filter { !$0.0.text.isEmpty && $0.1 != best.key }.count
        word.unrestrictedAgrees = unrestricted == best.key
        return word
    }

    private func text(_ candidate: WordCandidate, _ text: String, _ confidence: Int) -> ReadWord {
        ReadWord(box: candidate.box, glyphHeight: candidate.glyphHeight, text: text, value: nil, votes: 0,
                 engineConfidence: confidence, color: color(of: candidate))
    }

    /// Splits a mixed word at the engine's character boxes: every digit token becomes a word
    /// of its own, read again; the rest stays text.
    private func split(_ candidate: WordCandidate, crop: WordCrop, reading: LineReading, normalWidth: Int) -> [ReadWord]? {
        let characters = reading.text.filter { $0 != " " }
        guard characters.count == reading.symbols.count else { return nil }
        var out: [ReadWord] = []
        var symbolIndex = 0
        var textParts: [String] = []
        var textMembers: Set<Int> = Set(candidate.members)
        for token in reading.text.split(separator: " ") {
            let tokenSymbols = reading.symbols[symbolIndex..<(symbolIndex + token.count)]
            symbolIndex += token.count
            let word = String(token)
            guard let run = NumberText.digitRun(word) else {
                textParts.append(word)
                continue
            }
            if run.lowerBound > 0 { textParts.append(String(word.prefix(run.lowerBound))) }
            if run.upperBound < word.count { textParts.append(String(word.dropFirst(run.upperBound))) }
            let symbols = tokenSymbols.dropFirst(run.lowerBound).prefix(run.count)
            let left = crop.figureX(normalizedX: Double(symbols.map(\.box.left).min()!), glyphHeight: Self.readHeight, normalizedWidth: normalWidth)
            let right = crop.figureX(normalizedX: Double(symbols.map(\.box.right).max()!), glyphHeight: Self.readHeight, normalizedWidth: normalWidth)
            let slack = max(1.0, 0.15 * Double(candidate.glyphHeight))
            let members = candidate.members.filter {
                let c = components.components[$0].box.centerX
                return c >= left - slack && c <= right + slack
            }
            guard !members.isEmpty else { return nil }
            textMembers.subtract(members)
            let boxes = members.map { components.components[$0].box }
            let full = boxes.filter { $0.height >= candidate.glyphHeight * 7 / 10 }
            let sub = WordCandidate(members: members, box: boxes.dropFirst().reduce(boxes[0]) { $0.union($1) },
                                    glyphHeight: full.map(\.height).max() ?? candidate.glyphHeight,
                                    baseline: full.map(\.bottom).max() ?? candidate.baseline,
                                    capTop: full.map(\.top).min() ?? candidate.capTop)
            let subCrop = WordCrop(word: sub, ink: ink, components: components)
            let unrestricted = NumberText.mapped(String(word.dropFirst(run.lowerBound).prefix(run.count)))
            if let number = vote(sub, crop: subCrop, shape: GlyphShape(sub, components), unrestricted: unrestricted) {
                out.append(number)
            }
        }
        if !textParts.isEmpty, !textMembers.isEmpty {
            let boxes = textMembers.map { components.components[$0].box }
            let box = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
            var part = text(candidate, textParts.joined(separator: " "), reading.confidence)
            part.box = box
            out.append(part)
        }
        return out.sorted { $0.box.left < $1.box.left }
    }

    /// Mean colour of the word's darkest pixels (ink ≥ ¾ of its darkest).
    private func color(of candidate: WordCandidate) -> RGB {
        let own = Set(candidate.members.map(Int32.init))
        var darkest: UInt8 = 0
        let b = candidate.box
        for y in b.top...b.bottom { for x in b.left...b.right where own.contains(components.label(x: x, y: y)) { darkest = max(darkest, ink[x, y]) } }
        let floor = UInt8(Int(darkest) * 3 / 4)
        var r = 0, g = 0, bl = 0, n = 0
        for y in b.top...b.bottom {
            for x in b.left...b.right where own.contains(components.label(x: x, y: y)) && ink[x, y] >= floor {
                let c = raster[x: x, y: y]
                r += Int(c.r); g += Int(c.g); bl += Int(c.b); n += 1
            }
        }
        guard n > 0 else { return .black }
        return RGB(r: UInt8(r / n), g: UInt8(g / n), b: UInt8(bl / n))
    }
}
