import Foundation
import GatehouseCore

/// Tool-call arguments as the model wrote them, parsed.
enum JSONCanonical {
    /// The arguments with sorted keys (so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one call); nil
    /// when they are not JSON.
    static func text(_ arguments: String) -> String? {
        parse(arguments).map(\.text)
    }

    /// The arguments as an object: empty text is no arguments; anything but a JSON object is nil.
    static func parse(_ arguments: String) -> JSONValue? {
        let trimmed = arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [:] }
        guard let value = JSONValue.parse(Data(trimmed.utf8)), value.objectValue != nil else { return nil }
        return value
    }
}
