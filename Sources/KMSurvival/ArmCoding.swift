/// Patients coded for the comparison of arms: each patient's arm and stratum as small integers
/// and the time after `TimeFix`. Shared by the log-rank test and the Cox model.
struct ArmCoding: Sendable {
    /// Arm names, reference arm first.
    let arms: [String]
    /// Stratum names (one unnamed stratum when not stratified).
    let strata: [String]
    let times: [Double]
    let events: [Bool]
    let arm: [Int]
    let stratum: [Int]

    /// - Parameters:
    ///   - arms: the arms to compare, in order; `nil` means every arm in order of first appearance.
    ///   - reference: the arm the others are compared with; default the first arm.
    ///   - stratified: use `PatientRecord.study` as the stratum.
    init(_ records: [PatientRecord], arms requested: [String]?, reference: String?, stratified: Bool,
         fixedTimes: [Double]? = nil) throws(SurvivalError) {
        let firstSeen = armsInOrder(records)
        var arms = requested ?? firstSeen
        if let missing = arms.first(where: { !firstSeen.contains($0) }) { throw .noPatients(arm: missing) }
        if let reference {
            guard let i = arms.firstIndex(of: reference) else { throw .unknownArm(name: reference, known: arms) }
            arms.remove(at: i)
            arms.insert(reference, at: 0)
        }
        guard arms.count >= 2 else { throw .needTwoArms(found: arms) }
        var strata: [String] = []
        var stratumIndex: [String: Int] = [:]
        var times: [Double] = [], events: [Bool] = [], armOf: [Int] = [], stratumOf: [Int] = []
        var kept: [Int] = []
        kept.reserveCapacity(records.count)
        for (index, r) in records.enumerated() {
            guard let a = arms.firstIndex(of: r.arm) else { continue }
            kept.append(index)
            guard r.time.isFinite, r.time >= 0 else { throw .invalidTime(arm: r.arm, time: r.time) }
            let key = stratified ? (r.study ?? "") : ""
            let s: Int
            if !stratified, !strata.isEmpty { s = 0 } else if let known = stratumIndex[key] { s = known } else {
                s = strata.count
                stratumIndex[key] = s
                strata.append(key)
            }
            times.append(r.time); events.append(r.event); armOf.append(a); stratumOf.append(s)
        }
        guard events.contains(true) else { throw .noEvents }
        self.arms = arms
        self.strata = strata
        if let fixedTimes, kept.count == records.count {
            self.times = kept.map { fixedTimes[$0] }
        } else {
            self.times = TimeFix.adjudicate(times)
        }
        self.events = events
        self.arm = armOf
        self.stratum = stratumOf
    }
}

/// The risk sets at every distinct event time, per stratum, counted by arm. Both the log-rank
/// test and the Cox model of an arm factor depend on the data only through these counts, so
/// after one O(n log n) sort every Newton step costs O(event times × arms²).
struct RiskSetTable: Sendable {
    let armCount: Int
    /// Patients at risk, `atRisk[row * armCount + arm]`.
    private(set) var atRisk: [Double] = []
    /// Events, `deaths[row * armCount + arm]`.
    private(set) var deaths: [Double] = []
    /// Events at each row, all arms.
    private(set) var totalDeaths: [Int] = []
    var rows: Int { totalDeaths.count }

    init(_ coding: ArmCoding) {
        armCount = coding.arms.count
        struct Entry { var stratum: Int; var time: Double; var arm: Int; var event: Bool }
        var entries = (0..<coding.times.count).map {
            Entry(stratum: coding.stratum[$0], time: coding.times[$0], arm: coding.arm[$0], event: coding.events[$0])
        }
        // Within each stratum, latest time first, so the risk sets grow as we walk.
        if coding.strata.count == 1 {
            entries.sort { $0.time > $1.time }
        } else {
            entries.sort { $0.stratum != $1.stratum ? $0.stratum < $1.stratum : $0.time > $1.time }
        }
        let n = entries.count
        var running = [Double](repeating: 0, count: armCount)
        var d = [Double](repeating: 0, count: armCount)
        var i = 0
        while i < n {
            let s = entries[i].stratum
            if i == 0 || entries[i - 1].stratum != s {
                for a in 0..<armCount { running[a] = 0 }
            }
            let t = entries[i].time
            for a in 0..<armCount { d[a] = 0 }
            var total = 0
            while i < n, entries[i].stratum == s, entries[i].time == t {
                running[entries[i].arm] += 1
                if entries[i].event { d[entries[i].arm] += 1; total += 1 }
                i += 1
            }
            if total > 0 {
                atRisk.append(contentsOf: running)
                deaths.append(contentsOf: d)
                totalDeaths.append(total)
            }
        }
    }
}

/// Arm names in order of first appearance. Trials have a handful of arms, so a linear search
/// beats hashing every patient's label.
func armsInOrder(_ records: [PatientRecord]) -> [String] {
    var arms: [String] = []
    var last: String? = nil
    for r in records where r.arm != last {
        last = r.arm
        if !arms.contains(r.arm) { arms.append(r.arm) }
    }
    return arms
}
