public import Foundation
public import GatehouseCore

/// What an image's config says about running it (the `config` object of the OCI image
/// config): the user, the entrypoint and default command, the environment and the working
/// directory.
public struct ImageConfig: Sendable, Hashable, Codable {
    /// `User`, as written (`65534`, `nobody`, `1000:1000`); empty for root.
    public var user: String = ""
    /// `Entrypoint`.
    public var entrypoint: [String] = []
    /// `Cmd`: the arguments after the entrypoint unless the caller gives its own.
    public var cmd: [String] = []
    /// `Env`, `NAME=value` pairs in order.
    public var environment: [String] = []
    /// `WorkingDir`; empty for `/`.
    public var workingDirectory: String = ""

    /// An empty config.
    public init() {}

    /// Largest config read.
    public static let maxBytes = 1 << 20

    /// Parses an image config document; anything but a JSON object of at most 1 MiB is refused,
    /// and fields of the wrong type are refused rather than ignored.
    public init(json bytes: Data) throws(GatehouseError) {
        guard bytes.count <= Self.maxBytes,
            let document = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        else { throw GatehouseError(.ociManifestInvalid, "the image config is not a JSON object of at most 1 MiB") }
        guard let config = document["config"] else { return }
        guard let fields = config as? [String: Any] else {
            throw GatehouseError(.ociManifestInvalid, "the image config's config is not an object")
        }
        user = try Self.string(fields, "User")
        workingDirectory = try Self.string(fields, "WorkingDir")
        entrypoint = try Self.strings(fields, "Entrypoint")
        cmd = try Self.strings(fields, "Cmd")
        environment = try Self.strings(fields, "Env")
    }

    /// The command the image runs with `arguments` (Docker's rule: arguments replace `Cmd`).
    public func command(arguments: [String]) -> [String] {
        entrypoint + (arguments.isEmpty ? cmd : arguments)
    }

    /// `Env` as a dictionary (the last of a repeated name wins, as in Docker).
    public var environmentValues: [String: String] {
        var out: [String: String] = [:]
        for pair in environment {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { continue }
            out[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return out
    }

    private static func string(_ fields: [String: Any], _ key: String) throws(GatehouseError) -> String {
        guard let value = fields[key], !(value is NSNull) else { return "" }
        guard let text = value as? String else {
            throw GatehouseError(.ociManifestInvalid, "the image config's \(key) is not a string")
        }
        return text
    }

    private static func strings(_ fields: [String: Any], _ key: String) throws(GatehouseError) -> [String] {
        guard let value = fields[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any], let texts = list as? [String] else {
            throw GatehouseError(.ociManifestInvalid, "the image config's \(key) is not a list of strings")
        }
        return texts
    }
}
