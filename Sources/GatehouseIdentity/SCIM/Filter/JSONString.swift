import Foundation

/// Decodes one JSON string literal (with its quotes), the form SCIM filters use.
enum JSONString {
    static func decode(_ literal: String) -> String? {
        guard let data = literal.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(String.self, from: data)
    }
}
