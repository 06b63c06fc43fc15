import Foundation

/// Everything `kmrecon report` shows for a data set of several arms: per arm the number of
/// patients and events, median survival with its 95 % CI, landmark survival and the restricted
/// mean; then the log-rank test and the Cox hazard ratios against a reference arm.
///
/// Degenerate data do not throw here: what cannot be computed is `nil` and the reason is in
/// `warnings` (one arm only, no events, a singular variance, a Cox coefficient running off to
/// infinity), so a report can still be printed. Errors that the user must fix (no patients, an
/// unknown reference arm, a bad τ) are thrown.
public struct SurvivalComparison: Sendable {
    /// What the report says about one arm.
    public struct ArmSummary: Sendable {
        public var name: String
        public var patients: Int
        public var events: Int
        /// Median survival with its 95 % log-type CI; `time == nil` when not reached.
        public var median: SurvivalQuantile
        /// Survival at each requested landmark time, log-type 95 % CI.
        public var landmarks: [LandmarkSurvival]
        /// Restricted mean survival time up to the common τ.
        public var restrictedMean: RestrictedMean
        /// The full Kaplan–Meier table.
        public var curve: KaplanMeier
    }

    /// Arms in the order of the input, reference arm first.
    public let arms: [ArmSummary]
    public let reference: String
    /// Horizon of the restricted means (study time units).
    public let tau: Double
    /// Name of the column the tests were stratified by, if any (strata come from `PatientRecord.study`).
    public let stratifiedBy: String?
    public let logRank: LogRankTest?
    public let cox: CoxModel?
    /// Human-readable warnings, one sentence each.
    public let warnings: [String]

    /// - Parameters:
    ///   - records: the patients; arms appear in order of first appearance.
    ///   - reference: the Cox baseline arm; default the first arm in the data.
    ///   - stratifiedBy: the name of the stratum column, whose values are in `PatientRecord.study`;
    ///     `nil` for no stratification.
    ///   - landmarks: times at which to report survival (study units).
    ///   - tau: horizon of the restricted mean; default the largest time in the data.
    ///   - ties: tie handling in the Cox model.
    public init(_ records: [PatientRecord], reference: String? = nil, stratifiedBy: String? = nil,
                landmarks: [Double] = [], tau: Double? = nil, ties: CoxTies = .efron) throws(SurvivalError) {
        guard !records.isEmpty else { throw .noPatients(arm: nil) }
        var names = armsInOrder(records)
        if let bad = records.first(where: { !$0.time.isFinite || $0.time < 0 }) { throw .invalidTime(arm: bad.arm, time: bad.time) }
        let reference = reference ?? names[0]
        guard let referenceIndex = names.firstIndex(of: reference) else { throw .unknownArm(name: reference, known: names) }
        names.remove(at: referenceIndex)
        names.insert(reference, at: 0)
        if let bad = landmarks.first(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidArgument("landmark times must be finite and ≥ 0, got \(bad)")
        }
        let tau = tau ?? records.map(\.time).max()!
        guard tau.isFinite, tau > 0 else {
            throw .invalidArgument("τ for the restricted mean must be a finite time > 0, got \(tau); pass a positive --tau")
        }
        // One timefix over all patients, as survfit(… ~ arm) does.
        let fixedTimes = TimeFix.adjudicate(records.map(\.time))
        var warnings: [String] = []
        var arms: [ArmSummary] = []
        var rowsByArm = [[Int]](repeating: [], count: names.count)
        for (i, r) in records.enumerated() { rowsByArm[names.firstIndex(of: r.arm)!].append(i) }
        for (a, name) in names.enumerated() {
            let rows = rowsByArm[a]
            let curve = KaplanMeier(sortedFrom: rows.map { fixedTimes[$0] }, events: rows.map { records[$0].event })
            if curve.events == 0 { warnings.append("arm '\(name)' has no events: its survival stays at 1 and its median is not reached") }
            arms.append(ArmSummary(name: name, patients: curve.patients, events: curve.events, median: curve.median(),
                                   landmarks: landmarks.map { curve.landmark(at: $0) },
                                   restrictedMean: try curve.restrictedMean(upTo: tau), curve: curve))
        }
        if let late = landmarks.first(where: { $0 > records.map(\.time).max()! }) {
            warnings.append("landmark \(late) is after the last follow-up time; survival there is carried forward from the last time")
        }

        var logRank: LogRankTest? = nil
        var cox: CoxModel? = nil
        if names.count < 2 {
            warnings.append("only one arm ('\(names[0])'): there is no log-rank test or hazard ratio")
        } else {
            let stratified = stratifiedBy != nil
            do {
                let coding = try ArmCoding(records, arms: names, reference: reference, stratified: stratified,
                                           fixedTimes: fixedTimes)
                let table = RiskSetTable(coding)
                do { logRank = try LogRankTest(coding: coding, table: table, stratified: stratified) } catch {
                    warnings.append("log-rank test not computed: \(error)")
                }
                do {
                    let model = try CoxModel(coding: coding, table: table, ties: ties, stratified: stratified, maxIterations: 20)
                    cox = model
                    warnings += model.warnings.map { "Cox model: \($0.trimmingCharacters(in: .whitespaces))" }
                } catch {
                    warnings.append("Cox model not fitted: \(error)")
                }
            } catch {
                warnings.append("arms not compared: \(error)")
            }
        }
        self.arms = arms
        self.reference = reference
        self.tau = tau
        self.stratifiedBy = stratifiedBy
        self.logRank = logRank
        self.cox = cox
        self.warnings = warnings
    }
}
