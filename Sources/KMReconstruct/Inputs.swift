/// One digitised reading of a survival curve.
public struct CurvePoint: Sendable, Hashable {
    /// Time, in the figure's own unit (months, days…).
    public var time: Double
    /// Survival as read from the figure: a probability in [0, 1], or percent in [0, 100] when
    /// the input's `SurvivalScale` is `.percent`. Readings slightly outside the range are
    /// allowed; cleaning removes them as IPDfromKM does.
    public var survival: Double

    public init(time: Double, survival: Double) {
        self.time = time
        self.survival = survival
    }
}

/// How survival readings are expressed. This is IPDfromKM's `maxy` argument: `maxy = 100`
/// means percent, any other value means probabilities.
public enum SurvivalScale: Sendable, Hashable {
    case probability
    case percent

    /// IPDfromKM's rule: only `maxy == 100` exactly means percent.
    public init(maxY: Double) { self = maxY == 100 ? .percent : .probability }
}

/// The numbers-at-risk table printed under a Kaplan–Meier figure.
///
/// Validated on construction: at least one entry, times finite and strictly increasing,
/// counts ≥ 0 and non-increasing.
public struct AtRiskTable: Sendable, Hashable {
    /// Times at which the numbers at risk are reported, in the figure's unit.
    public let times: [Double]
    /// Numbers of patients at risk at `times`.
    public let counts: [Int]

    public init(times: [Double], counts: [Int]) throws(ReconstructionError) {
        guard times.count == counts.count else {
            throw .atRiskLengthMismatch(times: times.count, counts: counts.count)
        }
        guard !times.isEmpty else { throw .emptyAtRiskTable }
        for (i, t) in times.enumerated() {
            guard t.isFinite else { throw .atRiskTimeNotFinite(index: i) }
            if i > 0, !(t > times[i - 1]) {
                throw .atRiskTimesNotIncreasing(index: i, time: t, previous: times[i - 1])
            }
        }
        for (i, n) in counts.enumerated() {
            guard n >= 0 else { throw .negativeCount(index: i, count: n, time: times[i]) }
            if i > 0, n > counts[i - 1] {
                throw .atRiskCountsIncrease(index: i, time: times[i], count: n,
                                            previousTime: times[i - 1], previousCount: counts[i - 1])
            }
        }
        self.times = times
        self.counts = counts
    }
}

/// Everything IPDfromKM's `preprocess()` + `getIPD()` take.
public struct ReconstructionInput: Sendable, Hashable {
    /// Digitised readings, in any order (cleaning sorts them).
    public var points: [CurvePoint]
    /// The numbers-at-risk table, if the figure prints one. When present, `totalPatients` is
    /// ignored, as in IPDfromKM.
    public var atRisk: AtRiskTable?
    /// Patients at time 0, used only when there is no at-risk table.
    public var totalPatients: Int?
    /// Total events reported for the arm. IPDfromKM uses it only to cap the censoring in the
    /// last interval (it does not force the event total).
    public var totalEvents: Int?
    /// Whether `points[].survival` is a probability or a percentage.
    public var scale: SurvivalScale

    /// The most patients (at risk at the start, or in total) one arm may have: every patient
    /// becomes a row, and a count beyond this is a typo (an extra digit), not a trial.
    public static let maximumPatients = 10_000_000

    public init(points: [CurvePoint], atRisk: AtRiskTable? = nil, totalPatients: Int? = nil,
                totalEvents: Int? = nil, scale: SurvivalScale = .probability) {
        self.points = points
        self.atRisk = atRisk
        self.totalPatients = totalPatients
        self.totalEvents = totalEvents
        self.scale = scale
    }
}
