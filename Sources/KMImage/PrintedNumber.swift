/// A number as the tool prints it in messages, reports and CSV fields: whole numbers without
/// ".0" (`12`), others in Swift's shortest form that reads back as the same double (`0.1`), and
/// whole numbers too large for an integer as they are (`1e+30`) rather than trapping on the
/// conversion.
package func printedNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
