import Foundation
import GatehouseCore
import GatehouseInference
import Yams

/// What packaging needs from an agent file, read loosely with Yams (the strict agent-file reader
/// is elsewhere): the bytes to push and the `metadata` the annotations carry.
struct AgentFileFacts: Hashable, Sendable {
    /// The bytes to push.
    var yaml: Data
    /// `metadata.author`, when a non-empty string.
    var author: String?
    /// `metadata.license`, when a non-empty string.
    var license: String?
    /// `metadata.version`, when a non-empty scalar.
    var version: String?

    /// The version docker-agent writes into a file that names none.
    static let schemaVersion = "7"

    /// Reads `data`; a file without a top-level `version` gets `version: "7"` as its first line.
    /// - Throws: `.agentArtifactInvalid` when the bytes are not UTF-8 text holding one YAML
    ///   mapping, or when no `version` line can be put first without changing its meaning.
    static func read(_ data: Data, fileName: String) throws(GatehouseError) -> AgentFileFacts {
        guard let text = String(data: data, encoding: .utf8) else {
            throw GatehouseError(.agentArtifactInvalid, "agent file \(fileName) is not UTF-8 text")
        }
        let root = try mapping(text, fileName: fileName)
        var yaml = data
        if root["version"] == nil {
            let versioned = "version: \"\(schemaVersion)\"\n" + text
            let added = try? mapping(versioned, fileName: fileName)
            guard let added, added["version"]?.string == schemaVersion, added.count == root.count + 1 else {
                throw GatehouseError(
                    .agentArtifactInvalid,
                    "agent file \(fileName) has no version; add version: \"\(schemaVersion)\" at its top")
            }
            yaml = Data(versioned.utf8)
        }
        func metadata(_ key: String) -> String? {
            guard let value = root["metadata"]?.mapping?[key]?.scalar?.string, !value.isEmpty else { return nil }
            return value
        }
        return AgentFileFacts(
            yaml: yaml, author: metadata("author"), license: metadata("license"),
            version: metadata("version"))
    }

    /// The root mapping of `text`.
    private static func mapping(_ text: String, fileName: String) throws(GatehouseError) -> Node.Mapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw GatehouseError(
                .agentArtifactInvalid, "agent file \(fileName) is not YAML: \(DMRManifest.excerpt("\(error)"))")
        }
        guard let mapping = root?.mapping else {
            throw GatehouseError(.agentArtifactInvalid, "agent file \(fileName) is not a YAML mapping")
        }
        return mapping
    }
}
