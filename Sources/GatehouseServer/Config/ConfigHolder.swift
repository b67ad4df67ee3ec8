public import GatehouseCore
import Synchronization

/// The configuration in force, swapped whole on reload. Readers always see one complete
/// configuration, never a mix of old and new.
public final class ConfigHolder: Sendable {
    /// A configuration and where it came from.
    public struct Loaded: Sendable {
        /// The parsed configuration.
        public var config: GatehouseConfig
        /// The compiled policy.
        public var policy: Policy
        /// The file it was read from (nil for the embedded default).
        public var path: String?
    }

    private let current: Mutex<Loaded>

    /// Holds `config`, read from `path`.
    public init(_ config: GatehouseConfig, path: String?) {
        current = Mutex(Loaded(config: config, policy: config.policy, path: path))
    }

    /// The configuration in force.
    public var loaded: Loaded { current.withLock { $0 } }

    /// The policy in force.
    public var policy: Policy { current.withLock { $0.policy } }

    /// Replaces the configuration.
    public func replace(with config: GatehouseConfig) {
        current.withLock { $0 = Loaded(config: config, policy: config.policy, path: $0.path) }
    }
}
