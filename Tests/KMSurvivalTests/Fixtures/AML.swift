@testable import KMSurvival

/// The `aml` data of R's survival package (Miller 1981; public domain): remission times in
/// weeks of 23 patients with acute myelogenous leukaemia, by whether chemotherapy was
/// maintained. Expected values are R 4.2.2 / survival 3.5-3 output, copied from
/// ../shared/reference/survival/aml_x.json, so the suite checks real numbers without ../shared.
enum AML {
    static let rows: [(arm: String, weeks: Double, event: Int)] = [
        ("Maintained", 9, 1), ("Maintained", 13, 1), ("Maintained", 13, 0), ("Maintained", 18, 1),
        ("Maintained", 23, 1), ("Maintained", 28, 0), ("Maintained", 31, 1), ("Maintained", 34, 1),
        ("Maintained", 45, 0), ("Maintained", 48, 1), ("Maintained", 161, 0),
        ("Nonmaintained", 5, 1), ("Nonmaintained", 5, 1), ("Nonmaintained", 8, 1), ("Nonmaintained", 8, 1),
        ("Nonmaintained", 12, 1), ("Nonmaintained", 16, 0), ("Nonmaintained", 23, 1), ("Nonmaintained", 27, 1),
        ("Nonmaintained", 30, 1), ("Nonmaintained", 33, 1), ("Nonmaintained", 43, 1), ("Nonmaintained", 45, 1),
    ]

    static var patients: [PatientRecord] {
        rows.map { PatientRecord(arm: $0.arm, time: $0.weeks, event: $0.event == 1) }
    }

    /// survfit on the Maintained arm.
    enum Maintained {
        static let time: [Double] = [9, 13, 18, 23, 28, 31, 34, 45, 48, 161]
        static let atRisk = [11, 10, 8, 7, 6, 5, 4, 3, 2, 1]
        static let survival: [Double] = [0.909090909090909, 0.818181818181818, 0.715909090909091, 0.613636363636364,
                                         0.613636363636364, 0.490909090909091, 0.368181818181818, 0.368181818181818,
                                         0.184090909090909, 0.184090909090909]
        static let standardErrorLog: [Double] = [0.0953462589245592, 0.1421338109037403, 0.1950875779212071,
                                                 0.2487341690815455, 0.2487341690815455, 0.334467766561573,
                                                 0.4418167269377883, 0.4418167269377883, 0.8337877548885089,
                                                 0.8337877548885089]
        static let lowerLogLog: [Double] = [0.5080802057699297, 0.4474286146821814, 0.3501903859079384,
                                            0.2657520400012861, 0.2657520400012861, 0.1673309097768508,
                                            0.0928295749369852, 0.0928295749369852, 0.0117384801231896,
                                            0.0117384801231896]
        static let median = 31.0, medianLowerLog = 18.0, medianLowerLogLog = 13.0
        static let rmst = 52.6454545454545, rmstSE = 19.8286027955626
    }

    /// Nonmaintained ends with an event (S = 0): no standard error or band at the last time.
    enum Nonmaintained {
        static let median = 23.0, medianLowerLog = 8.0, medianLowerLogLog = 5.0, medianUpperLogLog = 33.0
        static let rmst = 22.7083333333333, rmstSE = 4.18094198103315
    }

    static let tau = 161.0

    enum LogRank {
        static let chiSquare = 3.3963886989776, p = 0.0653393220405051
        static let expected: [Double] = [10.68933599230072, 7.31066400769928]
    }

    /// coxph(Surv(time, status) ~ x), Nonmaintained against Maintained.
    enum Efron {
        static let coefficient = 0.915532575014718, standardError = 0.511934275172005
        static let hazardRatioLower = 0.915907257436408, hazardRatioUpper = 6.8134957660633
        static let pValue = 0.0737148606390457
        static let logLikelihood: [Double] = [-42.7248392627602, -41.0326155964584]
        static let likelihoodRatio = 3.38444733260368, score = 3.4167343955173
    }

    enum Breslow {
        static let coefficient = 0.9042197236857, standardError = 0.512247907304151
        static let logLikelihood: [Double] = [-42.898123897174, -41.2501143500689]
        static let likelihoodRatio = 3.29601909421032, score = 3.32256141627307
    }
}
