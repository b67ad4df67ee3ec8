/// Passwords written into database URLs and connection strings. Each finding covers only the
/// password, so a redacted string still shows which database was meant.
extension SecretRules {
    static let connectionStrings: [SecretRule] = [databaseURL, jdbc, adoConnectionString]

    private static let schemes: Set<String> = [
        "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
        "mssql", "sqlserver",
    ]

    /// `scheme://user:password@host` for PostgreSQL, MySQL, MariaDB, MongoDB (also `+srv`),
    /// Redis (`rediss`), AMQP (`amqps`) and SQL Server (`mssql`, `sqlserver`), also behind
    /// `jdbc:`. URLs without a password (`postgres://host/db`, `postgres://user@host`), with an
    /// empty one, or with a template placeholder (`${DB_PASSWORD}`) are not reported. Other
    /// schemes (`https://user:pass@host`) are left to custom rules: userinfo in web URLs is
    /// mostly non-secret (`git@`, `anonymous:`).
    static let databaseURL = SecretRule(
        id: "database-url-password", category: .connectionString, description: "password in a database URL",
        precedence: Precedence.connectionString, anchors: [Anchor("://")]
    ) { input, start, end in
        let schemeStart = input.runStart(before: start, in: schemeCharacters, limit: 16)
        guard input.isBoundary(at: schemeStart - 1, for: .alnum),
            schemes.contains(String(decoding: input.bytes[schemeStart..<start], as: UTF8.self).lowercased())
        else { return nil }
        var stop = end
        var at: Int?
        var colon: Int?
        while stop < min(input.count, end + 256), !authorityEnds(input.bytes[stop]) {
            if input.bytes[stop] == UInt8(ascii: "@") { at = stop }
            if input.bytes[stop] == UInt8(ascii: ":"), colon == nil { colon = stop }
            stop += 1
        }
        guard let at, let colon, colon < at else { return nil }
        let password = (colon + 1)..<at
        guard !password.isEmpty, !input.isPlaceholder(password) else { return nil }
        return password
    }

    /// Whether `byte` ends a URL's authority (user, password, host, port).
    private static func authorityEnds(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || authorityDelimiters.contains(byte)
    }

    /// A `password=` parameter of a JDBC URL (`jdbc:sqlserver://h;user=sa;password=...`,
    /// `jdbc:mysql://h/db?user=u&password=...`) and the password of Oracle's
    /// `jdbc:oracle:thin:user/password@host`.
    static let jdbc = SecretRule(
        id: "jdbc-password", category: .connectionString, description: "password in a JDBC URL",
        precedence: Precedence.connectionString, anchors: [.anyCase("jdbc:")]
    ) { input, start, end in
        guard input.isBoundary(at: start - 1, for: .alnum) else { return nil }
        if input.hasLiteral("oracle:thin:".utf8, at: end, caseInsensitive: true) {
            let user = input.runEnd(from: end + 12, in: oracleUser, limit: 128)
            guard user > end + 12, input.byte(at: user) == UInt8(ascii: "/") else { return nil }
            let stop = input.runEnd(from: user + 1, in: oraclePassword, limit: 128)
            guard stop > user + 1, input.byte(at: stop) == UInt8(ascii: "@") else { return nil }
            return (user + 1)..<stop
        }
        // The URL ends at white space, a quote or the next `jdbc:` (which keeps a scan linear).
        var i = end
        while i < min(input.count, end + 1024), !urlEnds(input.bytes[i]) {
            if input.hasLiteral("jdbc:".utf8, at: i, caseInsensitive: true) { return nil }
            if let before = input.byte(at: i - 1), jdbcSeparators.contains(before),
                input.hasLiteral("password=".utf8, at: i, caseInsensitive: true)
            {
                let value = i + 9
                let stop = input.runEnd(from: value, in: jdbcValue, limit: 256)
                guard stop > value, !input.isPlaceholder(value..<stop) else { return nil }
                return value..<stop
            }
            i += 1
        }
        return nil
    }

    /// Whether `byte` ends a URL written in text.
    private static func urlEnds(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || urlDelimiters.contains(byte)
    }

    private static let schemeCharacters = ByteSet("A-Za-z0-9+.-")
    private static let authorityDelimiters = ByteSet("/?#\"'<>\\`")
    private static let urlDelimiters = ByteSet("\"'<>\\`")
    private static let oracleUser = ByteSet("A-Za-z0-9_$#.")
    private static let oraclePassword = ByteSet("A-Za-z0-9_$#!%^&*()+=.,~-")
    private static let jdbcSeparators = ByteSet(";?&:")
    private static let adoValueEnds = ByteSet(";\"'\\\r\n")
    private static let jdbcValue = ByteSet("!#$%()*+,-./0-9:<=>@A-Z[]^_a-z{|}~")

    /// `Password=` or `Pwd=` in an ADO.NET / ODBC connection string
    /// (`Server=db;User Id=sa;Password=...;`), any case. The key must not continue a longer
    /// name (`DB_PASSWORD=`, `--password=`), and the string must show its `key=value;` shape: a `;`
    /// right before the key or right after the value. `password=...` elsewhere (a shell
    /// variable, a form field) is the high-entropy rule's business. Empty values
    /// (`Password=;`) and placeholders are not reported; quoted (`'...'`, `"..."`) and braced
    /// (`{...}`) values are.
    static let adoConnectionString = SecretRule(
        id: "connection-string-password", category: .connectionString,
        description: "password in a connection string", precedence: Precedence.connectionString,
        anchors: [.anyCase("password"), .anyCase("pwd")]
    ) { input, start, end in
        guard input.isBoundary(at: start - 1, for: .identifier) else { return nil }  // not `DB_PASSWORD=`
        let semicolonBefore =
            input.byte(at: input.runStart(before: start, in: .blank, limit: 8) - 1) == UInt8(ascii: ";")
        var i = input.runEnd(from: end, in: .blank, limit: 4)
        guard input.byte(at: i) == UInt8(ascii: "=") else { return nil }
        i = input.runEnd(from: i + 1, in: .blank, limit: 4)
        var value: Range<Int>
        var after: Int
        if let open = input.byte(at: i), let close = closing(open) {
            guard let end = input.firstIndex(of: [close], in: (i + 1)..<(i + 257)) else { return nil }
            value = (i + 1)..<end
            after = end + 1
        } else {
            var stop = min(input.nextIndex(from: i, in: adoValueEnds, for: .connectionStringValue), i + 256)
            after = stop
            while stop > i, ByteSet.blank.contains(input.bytes[stop - 1]) { stop -= 1 }
            value = i..<stop
        }
        let semicolonAfter = input.byte(at: input.runEnd(from: after, in: .blank, limit: 8)) == UInt8(ascii: ";")
        guard !value.isEmpty, semicolonBefore || semicolonAfter, !input.isPlaceholder(value) else { return nil }
        return value
    }

    /// The closing delimiter of a quoted or braced connection-string value.
    private static func closing(_ open: UInt8) -> UInt8? {
        switch open {
        case UInt8(ascii: "'"): UInt8(ascii: "'")
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        default: nil
        }
    }
}
