/// Hostile input reaches audit records (paths, query keys, later tool and model names), so
/// every string is bounded and stripped of NUL before it is sealed.
extension AuditEvent {
    /// The longest string kept in any field, in UTF-8 bytes; longer ones are cut and marked.
    public static let maxFieldBytes = 2_048

    /// This event with every string field bounded and NUL characters replaced.
    public func sanitized() -> AuditEvent {
        var event = self
        for field in [
            \AuditEvent.issuer, \.subject, \.authMethod, \.groups, \.action, \.resource, \.decision,
            \.rule, \.reason, \.outcome, \.traceID, \.payloadShape, \.payloadHash,
        ] {
            event[keyPath: field] = Self.bounded(event[keyPath: field])
        }
        return event
    }

    static func bounded(_ text: String) -> String {
        guard text.utf8.count > maxFieldBytes || text.utf8.contains(0) else { return text }
        var out = ""
        var bytes = 0
        for scalar in text.unicodeScalars {
            let replacement: Unicode.Scalar = scalar == "\u{0}" ? "\u{FFFD}" : scalar
            let width = String(replacement).utf8.count
            if bytes + width > maxFieldBytes - 3 {
                out.unicodeScalars.append("…")
                break
            }
            out.unicodeScalars.append(replacement)
            bytes += width
        }
        return out
    }
}
