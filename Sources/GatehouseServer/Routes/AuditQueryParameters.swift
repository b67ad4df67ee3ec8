import Foundation
import GatehouseCore
public import GatehouseStore

/// Parses audit query parameters (`subject`, `action`, `decision`, `since`, `until`, `limit`)
/// from the API and the CLI alike. Unknown or malformed parameters are errors naming them.
public enum AuditQueryParameters {
    static let known: Set<String> = ["subject", "action", "decision", "since", "until", "limit"]

    /// Builds a query; `nowMicros` anchors relative times like `15m` or `2h`.
    public static func parse(_ parameters: [String: String], nowMicros: Int64) throws -> AuditQuery {
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw GatehouseError(
                .badRequest,
                "unknown parameter \"\(unknown.prefix(40))\" (expected one of: \(known.sorted().joined(separator: ", ")))"
            )
        }
        var query = AuditQuery(subject: parameters["subject"], action: parameters["action"])
        if let decision = parameters["decision"] {
            guard decision == "allow" || decision == "deny" else {
                throw GatehouseError(.badRequest, "decision must be allow or deny")
            }
            query.decision = decision
        }
        if let since = parameters["since"] { query.sinceMicros = try time(since, name: "since", now: nowMicros) }
        if let until = parameters["until"] { query.untilMicros = try time(until, name: "until", now: nowMicros) }
        if let limit = parameters["limit"] {
            guard let value = Int(limit), (1...AuditQuery.maxLimit).contains(value) else {
                throw GatehouseError(.badRequest, "limit must be an integer from 1 to \(AuditQuery.maxLimit)")
            }
            query.limit = value
        }
        return query
    }

    /// An RFC 3339 time, or a duration before now: `30s`, `15m`, `2h`, `7d`.
    public static func time(_ text: String, name: String, now: Int64) throws -> Int64 {
        if let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0, amount < 100_000 {
            let seconds: Int64? =
                switch unit {
                case "s": 1
                case "m": 60
                case "h": 3600
                case "d": 86_400
                default: nil
                }
            if let seconds { return now - amount * seconds * 1_000_000 }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        if let date = formatter.date(from: text) ?? plain.date(from: text) {
            return Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        }
        throw GatehouseError(
            .badRequest, "\(name) must be an RFC 3339 time or a duration like 15m, 2h or 7d")
    }
}
