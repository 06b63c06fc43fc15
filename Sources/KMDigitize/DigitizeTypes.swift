import KMImage

/// What the digitiser is told about a figure: the printed tick values, optional manual
/// calibration and the arms with whatever the page prints about them.
public struct DigitizeRequest: Sendable {
    /// The x tick label values as printed, increasing (time, in the figure's unit).
    public var xTicks: [Double]
    /// The y tick label values as printed, increasing; a largest tick above 1 means percent.
    public var yTicks: [Double]
    /// Manual (pixel, value) pairs that replace tick detection, per axis. Pixel origin top-left;
    /// y values in printed units.
    public var manualX: [(pixel: Double, value: Double)]?
    public var manualY: [(pixel: Double, value: Double)]?
    public var arms: [ArmDescription]

    public init(xTicks: [Double], yTicks: [Double], manualX: [(pixel: Double, value: Double)]? = nil,
                manualY: [(pixel: Double, value: Double)]? = nil, arms: [ArmDescription]) {
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.manualX = manualX
        self.manualY = manualY
        self.arms = arms
    }

    /// True when the y axis is printed in percent (largest tick above 1).
    public var yInPercent: Bool {
        if let manual = manualY, let top = manual.map(\.value).max() { return top > 1 }
        return (yTicks.max() ?? 1) > 1
    }
}

/// One arm as the page describes it.
public struct ArmDescription: Sendable {
    public var name: String
    public var color: RGB?
    /// Numbers at risk (times in the figure's unit, counts non-increasing), if printed.
    public var atRiskTimes: [Double]?
    public var atRiskCounts: [Int]?
    /// Patients at time 0 when no table is printed.
    public var patients: Int?
    /// Total events, where reported.
    public var events: Int?

    public init(name: String, color: RGB? = nil, atRiskTimes: [Double]? = nil, atRiskCounts: [Int]? = nil,
                patients: Int? = nil, events: Int? = nil) {
        self.name = name
        self.color = color
        self.atRiskTimes = atRiskTimes
        self.atRiskCounts = atRiskCounts
        self.patients = patients
        self.events = events
    }

    /// Patients at time 0: the first at-risk count, else `patients`.
    var initialCount: Int? { atRiskCounts?.first ?? patients }
}

/// A point on a traced curve, in axis units: time in the figure's unit, survival as a
/// probability in [0, 1].
public struct SurvivalReading: Sendable, Hashable {
    public var time: Double
    public var survival: Double
    public init(time: Double, survival: Double) {
        self.time = time
        self.survival = survival
    }
}

/// One arm's curve as read from the figure.
public struct DigitizedArm: Sendable {
    public var name: String
    /// The colour the curve was found in.
    public var color: RGB
    /// The step function's corners, in time order: both corners of every drop, starting at
    /// time 0 and ending where the drawn curve ends. Survival is a probability.
    public var corners: [SurvivalReading]
    /// Censoring marks ('+', '|') found on the curve.
    public var censorMarks: [SurvivalReading]
    /// How sure the arm ↔ curve assignment is, in [0, 1] (1 when a colour hint decided it).
    public var assignmentConfidence: Double
    /// Time units per pixel column (the x calibration's resolution); 0 when unknown.
    public var timePerPixel: Double = 0
    /// Survival probability per pixel row (the y calibration's resolution, as a probability
    /// even when the axis is printed in percent); 0 when unknown.
    public var survivalPerPixel: Double = 0
}

/// The whole figure as read.
public struct DigitizedFigure: Sendable {
    /// Column → time.
    public var xAxis: AxisCalibration
    /// Row → survival in printed units (percent when `yInPercent`).
    public var yAxis: AxisCalibration
    public var yInPercent: Bool
    /// The searched plot area `[left, top, right, bottom]`, pixels.
    public var panel: [Int]
    public var arms: [DigitizedArm]
    /// Things a user should check.
    public var notes: [String]
    /// The legend drawn inside the plot panel, in legend order, when the curves of the arms
    /// without a colour hint (two or more, in distinct colours) each have a key there that
    /// lines up as one legend (see `LegendReader`); empty otherwise, and always when every arm
    /// has a colour hint. The entries' text is not read here: a reader (OCR) can read it from
    /// `textBox` and, where it names an arm, give that arm `color` as its hint.
    public var legend: [LegendEntry] = []
}

/// One entry of a legend drawn inside the plot panel: a key, a short horizontal stroke in a
/// curve's colour, just left of the line of text that names the curve.
public struct LegendEntry: Sendable, Equatable {
    /// The key's colour: the mean colour of the ink class its stroke is drawn in, the colour
    /// ``DigitizedArm/color`` reports for a curve traced in that class. Given as an arm's
    /// colour hint, it selects that class (it is within ΔE 30 of it).
    public var color: RGB
    /// The text line beside the key, `[left, top, right, bottom]`, image pixels (inclusive,
    /// origin top-left).
    public var textBox: [Int]
    /// The key's stroke, `[left, top, right, bottom]`, image pixels (inclusive; one row).
    public var keyBox: [Int]

    public init(color: RGB, textBox: [Int], keyBox: [Int]) {
        self.color = color
        self.textBox = textBox
        self.keyBox = keyBox
    }
}
