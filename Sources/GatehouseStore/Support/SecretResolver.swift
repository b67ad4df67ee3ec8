import Foundation
public import GatehouseCore

/// Resolves secret references (`env:NAME`, `file:PATH`) to their values at the edge.
/// Errors name the reference, never a value.
public struct SecretResolver: Sendable {
    private let environment: [String: String]

    /// Resolves from the process environment and the file system.
    public init() {
        self.environment = ProcessInfo.processInfo.environment
    }

    /// Resolves from `environment` and the file system.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The value behind `reference`, without a trailing newline for files.
    public func resolve(_ reference: SecretRef) throws -> String {
        switch reference {
        case .env(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw GatehouseError(.invalidConfig, "secret \(reference): environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GatehouseError(.invalidConfig, "secret \(reference): cannot read \(path)")
            }
            var text = String(decoding: data, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            return text
        }
    }
}
