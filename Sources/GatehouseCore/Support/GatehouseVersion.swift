/// Gatehouse's own version, as its SBOMs, reports and MCP handshakes name it.
public enum GatehouseVersion {
    /// The version of this build.
    public static let current = "0.1.0"
}
