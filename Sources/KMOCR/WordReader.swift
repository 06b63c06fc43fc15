import KMImage

/// Reads word candidates with an ``OCREngine``, one crop at a time (see ``WordCrop``):
///
/// * an unrestricted read at 24 px glyph height decides number or text; with the digit
///   whitelist, text such as "Male" would come back as junk digits;
/// * a number is then read with the digit whitelist at glyph heights 20, 24, 28 and 32 px and
///   the majority wins; the number of agreeing reads is its vote count;
/// * a mixed word ("Arm A 741", "351 344") is split by the engine's character boxes and each
///   digit run is read again on its own. Inner spaces are never deleted.
struct WordReader {
    static let voteHeights = [20, 24, 28, 32]

    let engine: OCREngine
    let ink: InkMap
    let components: ComponentMap
    let raster: Raster

    /// The words `candidate` holds: usually one, several when a mixed word is split.
    func read(_ candidate: WordCandidate) -> [ReadWord] {
        let crop = WordCrop(word: candidate, ink: ink, components: components)
        let normal = crop.normalized(glyphHeight: 24)
        let free = engine.readLine(normal, numeric: false, symbols: true)
        let full = candidate.members.filter { components.components[$0].box.height >= candidate.glyphHeight * 7 / 10 }
        var mapped = NumberText.mapped(free.text)
        if full.count == 1, NumberText.loneOneShapes.contains(free.text) { mapped = "1" }

        let numberLike = NumberText.hasDigit(mapped) && !NumberText.hasLetters(free.text) && !free.text.contains(" ")
        if NumberText.parse(mapped) != nil || numberLike || free.text.isEmpty {
            return [vote(candidate, crop: crop, unrestricted: mapped)].compactMap { $0 }
                .ifEmpty(text(candidate, free.text, free.confidence))
        }
        let tokens = free.text.split(separator: " ").map(String.init)
        let runs = tokens.compactMap(NumberText.digitRun)
        let mixed = !runs.isEmpty && (tokens.count > 1 || runs[0].count < tokens[0].count)
        guard mixed, let parts = split(candidate, crop: crop, reading: free, normalWidth: normal.width) else {
            return [text(candidate, free.text, free.confidence)]
        }
        return parts
    }

    /// Reads a candidate known to be text with the unrestricted handle only.
    func readText(_ candidate: WordCandidate) -> ReadWord {
        let crop = WordCrop(word: candidate, ink: ink, components: components)
        let line = engine.readLine(crop.normalized(glyphHeight: 24), numeric: false)
        return text(candidate, line.text, line.confidence)
    }

    /// Majority of the four digits-only reads, or nil when none parses as a number.
    private func vote(_ candidate: WordCandidate, crop: WordCrop, unrestricted: String) -> ReadWord? {
        var reads: [(text: String, confidence: Int)] = []
        for height in Self.voteHeights {
            let line = engine.readLine(crop.normalized(glyphHeight: height), numeric: true)
            reads.append((line.text, line.confidence))
        }
        let shape = GlyphShape(candidate, components)
        var tally: [String: Int] = [:]
        for r in reads where NumberText.parse(r.text) != nil && shape.admits(r.text) { tally[r.text, default: 0] += 1 }
        // Majority; ties go to the 24 px read, then to the earlier height.
        guard let best = tally.max(by: { a, b in
            a.value != b.value ? a.value < b.value : rank(a.key, reads) > rank(b.key, reads)
        }), let parsed = NumberText.parse(best.key) else { return nil }
        let confidence = reads[1].text == best.key ? reads[1].confidence : reads.first { $0.text == best.key }?.confidence ?? 0
        var word = ReadWord(box: candidate.box, glyphHeight: candidate.glyphHeight, text: best.key, value: parsed.value,
                            isPercent: parsed.percent, votes: best.value, engineConfidence: confidence,
                            color: color(of: candidate))
        word.conflicts = reads.filter { !$0.text.isEmpty && $0.text != best.key }.count
        word.unrestrictedAgrees = unrestricted == best.key
        return word
    }

    private func rank(_ text: String, _ reads: [(text: String, confidence: Int)]) -> Int {
        if reads[1].text == text { return -1 }
        return reads.firstIndex { $0.text == text } ?? reads.count
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
            let symbols = tokenSymbols.dropFirst(run.lowerBound)
            let left = crop.figureX(normalizedX: Double(symbols.map(\.box.left).min()!), glyphHeight: 24, normalizedWidth: normalWidth)
            let right = crop.figureX(normalizedX: Double(symbols.map(\.box.right).max()!), glyphHeight: 24, normalizedWidth: normalWidth)
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
            let unrestricted = NumberText.mapped(String(word.dropFirst(run.lowerBound)))
            if let number = vote(sub, crop: subCrop, unrestricted: unrestricted) { out.append(number) }
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

extension Array {
    fileprivate func ifEmpty(_ fallback: @autoclosure () -> Element) -> [Element] { isEmpty ? [fallback()] : self }
}
