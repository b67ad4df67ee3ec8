import Foundation
import GatehouseCore

/// The JSON shape of an OSV record, decoded before it is checked and bounded.
struct OSVDocument: Decodable {
    struct Score: Decodable {
        var type: String
        var score: String
    }

    struct Package: Decodable {
        var ecosystem: String
        var name: String
        var purl: String?
    }

    struct Event: Decodable {
        var introduced: String?
        var fixed: String?
        var last_affected: String?
        var limit: String?
    }

    struct Range: Decodable {
        var type: String
        var events: [Event]
    }

    /// An object of unspecified fields of which only a string `severity` is read; anything else
    /// (another type of `severity`, or not an object at all) reads as no severity.
    struct Specific: Decodable {
        var severity: String?

        private enum Key: String, CodingKey { case severity }

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: Key.self) else { return }
            severity = try? container.decodeIfPresent(String.self, forKey: .severity)
        }
    }

    struct Affected: Decodable {
        var package: Package?
        var ranges: [Range]?
        var versions: [String]?
        var severity: [Score]?
        var ecosystem_specific: Specific?
        var database_specific: Specific?
    }

    var id: String
    var modified: String
    var published: String?
    var withdrawn: String?
    var aliases: [String]?
    var summary: String?
    var details: String?
    var severity: [Score]?
    var affected: [Affected]?
    var database_specific: Specific?

    /// Decodes `json`, turning decoding errors into `.vulnDataInvalid` with the failing field's path.
    static func decode(_ json: [UInt8]) -> Result<OSVDocument, GatehouseError> {
        do {
            return .success(try JSONDecoder().decode(OSVDocument.self, from: Data(json)))
        } catch {
            return .failure(GatehouseError(.vulnDataInvalid, "OSV record: \(describe(error))"))
        }
    }

    /// A short description of a decoding error: what was wrong, and where.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" }
        switch error {
        case .typeMismatch(_, let context): return "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) is null"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context.codingPath)) is invalid"
        @unknown default: return "not a valid record"
        }
    }

    /// `affected[0].ranges[1].type`, cut to 100 characters.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return VersionInput.quoted(text.isEmpty ? "record" : text, limit: 100)
    }
}
