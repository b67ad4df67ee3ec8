/// The `logging` section: what is logged and how.
public struct LoggingConfig: Sendable, Hashable {
    /// The least severe level logged (`level`).
    public var level: LogLevel
    /// How log records are written (`format`).
    public var format: LogFormat

    /// Creates the section; the defaults are those of an empty section.
    public init(level: LogLevel = .info, format: LogFormat = .json) {
        self.level = level
        self.format = format
    }
}

/// A log severity, least severe first.
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    /// Finest detail.
    case trace
    /// Detail for debugging.
    case debug
    /// Normal operation.
    case info
    /// Normal but noteworthy.
    case notice
    /// Something may be wrong.
    case warning
    /// Something failed.
    case error
    /// Gatehouse cannot go on.
    case critical
}

/// A log record format.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line.
    case json
    /// Human-readable lines.
    case text
}
