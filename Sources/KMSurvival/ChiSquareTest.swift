/// A chi-square test statistic with its degrees of freedom and upper-tail p-value.
public struct ChiSquareTest: Sendable, Equatable {
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double

    public init(statistic: Double, degreesOfFreedom: Int) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = Distributions.chiSquareUpperTail(statistic, df: degreesOfFreedom)
    }
}
