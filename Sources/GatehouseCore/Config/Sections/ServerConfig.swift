/// The `server` section: where the HTTP API listens and where Gatehouse keeps its files.
public struct ServerConfig: Sendable, Hashable {
    /// The address to listen on (`host`).
    public var host: String
    /// The TCP port, 1...65535 (`port`).
    public var port: Int
    /// The directory for Gatehouse's files (`data_dir`); relative SQLite paths resolve under it.
    public var dataDir: String?

    /// The URL clients reach Gatehouse at (`public_url`), such as `https://gatehouse.example.com`;
    /// used for sign-in redirects and SCIM locations. Nil: taken from each request's Host.
    public var publicURL: String?

    /// Creates the section; the defaults are those of an empty section.
    public init(host: String = "127.0.0.1", port: Int = 8080, dataDir: String? = nil, publicURL: String? = nil) {
        self.host = host
        self.port = port
        self.dataDir = dataDir
        self.publicURL = publicURL
    }
}
