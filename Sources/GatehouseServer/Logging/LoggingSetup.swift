public import GatehouseCore
import Logging

/// Bootstraps swift-log once per process from the configuration's `logging` section.
public enum LoggingSetup {
    /// Installs the JSON or text handler at the configured level.
    public static func bootstrap(_ config: LoggingConfig) {
        let level = Logger.Level(rawValue: config.level.rawValue) ?? .info
        switch config.format {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
