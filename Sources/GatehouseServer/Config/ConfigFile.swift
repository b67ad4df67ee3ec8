import Foundation
public import GatehouseCore

/// Reads and parses a configuration file, or the embedded default.
public enum ConfigFile {
    /// Parses the file at `path`; every problem is reported as a ``ConfigDiagnostic``.
    public static func load(path: String) throws(ConfigError) -> GatehouseConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(
                    file: path, line: nil, column: nil, path: "",
                    message: "cannot read the file")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(
                    file: path, line: nil, column: nil, path: "", message: "the file is not UTF-8 text")
            ])
        }
        return try ConfigParser.parse(text, file: path)
    }

    /// The embedded default configuration (`examples/gatehouse.yaml`).
    public static func embeddedDefault() throws(ConfigError) -> GatehouseConfig {
        try ConfigParser.parse(DefaultConfig.text, file: DefaultConfig.path)
    }
}
