import Yams

/// Reading durations and amounts of money.
extension YAMLValue {
    /// The longest duration a key may hold.
    static let maxDurationSeconds: Int64 = 365 * 86_400

    /// A duration: a whole number and a unit, `s`, `m`, `h` or `d` (`30s`, `5m`, `12h`, `7d`, at
    /// most 365d), or, when `zero` names what it means, `0`; nil after reporting. A timeout
    /// passes no `zero`: it must be longer than nothing.
    package func duration(zero: String? = nil) -> Duration? {
        let message =
            "expected a duration like 30s, 5m or 12h (at most 365d)" + (zero.map { ", \($0)" } ?? "")
        if node.scalarKind == .integer {
            guard zero != nil, isInteger(0) else {
                report(message)
                return nil
            }
            return .zero
        }
        guard case .scalar(let scalar) = node, node.scalarKind == .string else {
            return mismatch(expected: "a duration")
        }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        let text = scalar.string
        guard let unit = text.last, let seconds = units[unit], text.count > 1,
            text.dropLast().allSatisfy({ ("0"..."9").contains($0) }), let amount = Int64(text.dropLast()),
            amount <= Self.maxDurationSeconds / seconds, amount > 0 || zero != nil
        else {
            report(message)
            return nil
        }
        return .seconds(amount * seconds)
    }

    /// A share from 0 to 1 written as a decimal number (`0.25`, `1`), or nil after reporting.
    func ratio() -> Double? {
        guard case .scalar(let scalar) = node, node.scalarKind == .integer || node.scalarKind == .number else {
            return mismatch(expected: "a number from 0 to 1")
        }
        guard let value = Double(scalar.string.filter { $0 != "_" }), value >= 0, value <= 1 else {
            report("\(ConfigEcho.plain(scalar.string)) is out of range (expected 0 to 1)")
            return nil
        }
        return value
    }

    /// Whether the node is the integer `value` (as written, without reporting anything).
    func isInteger(_ value: Int) -> Bool {
        guard case .scalar(let scalar) = node, node.scalarKind == .integer else { return false }
        return Int(scalar.string.filter { $0 != "_" }) == value
    }

    /// An amount of the currency unit written as a decimal number (`500`, `2.50`, at most six
    /// decimals), in millionths of the unit; nil after reporting a wrong type, a negative
    /// amount, or one above `maximum` units.
    func micros(maximum: Int64) -> Int64? {
        guard case .scalar(let scalar) = node, node.scalarKind == .integer || node.scalarKind == .number else {
            return mismatch(expected: "a number")
        }
        let text = scalar.string.filter { $0 != "_" }
        let shown = isRedacted ? "the value" : ConfigEcho.plain(scalar.string)
        if text.hasPrefix("-") {
            report("\(shown) is negative (expected 0 to \(maximum))")
            return nil
        }
        let unsigned = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy({ ("0"..."9").contains($0) }),
            fraction.allSatisfy({ ("0"..."9").contains($0) })
        else {
            report("expected a decimal number like 2.50, found \(shown)")
            return nil
        }
        guard fraction.count <= 6 else {
            report("\(shown) has more than six decimals")
            return nil
        }
        let units = whole.isEmpty ? 0 : Int64(whole)
        guard let units, units <= maximum else {
            report("\(shown) is out of range (expected 0 to \(maximum))")
            return nil
        }
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        let micros = units * 1_000_000 + (Int64(padded) ?? 0)
        guard micros <= maximum * 1_000_000 else {
            report("\(shown) is out of range (expected 0 to \(maximum))")
            return nil
        }
        return micros
    }
}
