/// Cloud provider credentials: AWS, Google Cloud, Azure.
extension SecretRules {
    static let cloud: [SecretRule] = [
        awsAccessKeyID, awsSecretAccessKey, googleAPIKey, gcpServiceAccount, azureStorageAccountKey,
        azureSharedAccessKey, azureSASSignature,
    ]

    /// `AKIA` (long-term), `ASIA` (temporary) and the other AWS unique-ID prefixes, then 16
    /// upper-case letters or digits. Role, group and user IDs (`AROA`, `AGPA`, `AIDA`) are not
    /// credentials, but they name accounts and never belong in a tool call either.
    static let awsAccessKeyID = prefixed(
        "aws-access-key-id", .cloudKey, "AWS access key ID",
        prefixes: ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "ABIA", "ACCA"],
        body: .upperAlnum, length: 16...16)

    /// 40 characters of standard base64 assigned to a name containing `aws` or `secret`
    /// (`aws_secret_access_key = ...`, `"SecretAccessKey": "..."`, `--aws-secret ...`). The
    /// shape alone (40 base64 characters) is far too common to report without the name. Hex
    /// values (git SHAs) and values without upper case, lower case and a digit or `+`/`/` are
    /// not reported: a random AWS secret lacks one of those with probability below 1/4000.
    static let awsSecretAccessKey = SecretRule(
        id: "aws-secret-access-key", category: .cloudKey, description: "AWS secret access key",
        precedence: Precedence.token, anchors: [.anyCase("aws"), .anyCase("secret")]
    ) { input, _, end in
        let keyEnd = input.runEnd(from: end, in: .identifier, limit: 48)
        guard input.isBoundary(at: keyEnd, for: .identifier),
            let start = input.valueStart(afterKey: keyEnd, allowSpace: true)
        else { return nil }
        let stop = input.runEnd(from: start, in: .base64, limit: 41)
        guard stop - start == 40, input.isBoundary(at: stop, for: .base64Padded) else { return nil }
        let value = start..<stop
        guard !input.isHexLike(value), input.hasMixedCase(value, digit: false),
            value.contains(where: { !ByteSet.alpha.contains(input.bytes[$0]) })
        else { return nil }
        return value
    }

    /// `AIza` and 35 URL-safe base64 characters.
    static let googleAPIKey = prefixed(
        "google-api-key", .cloudKey, "Google API key", prefixes: ["AIza"], body: .base64URL, length: 35...35)

    /// The `private_key` string of a Google Cloud service-account key file: a `"private_key"`
    /// member with `service_account` within 16 KiB (the `"type"` member of the same file), also
    /// when the JSON is itself escaped inside a JSON string. The PEM inside is also found by
    /// the private-key rule; this one covers the whole value and names the file type.
    static let gcpServiceAccount = SecretRule(
        id: "gcp-service-account-key", category: .cloudKey, description: "Google Cloud service-account private key",
        precedence: Precedence.container, anchors: [Anchor("private_key")]
    ) { input, start, end in
        let quote = UInt8(ascii: "\"")
        guard input.byte(at: start - 1) == quote,
            input.byte(at: end) == quote || input.hasLiteral("\\\"".utf8, at: end),
            let valueStart = input.valueStart(afterKey: end, allowSpace: false),
            let close = input.firstIndex(of: [quote], in: valueStart..<(valueStart + 16_384))
        else { return nil }
        let valueEnd = input.byte(at: close - 1) == UInt8(ascii: "\\") ? close - 1 : close
        guard valueEnd - valueStart >= 64,
            input.occurs(serviceAccount, near: start, window: 16_384)
        else { return nil }
        return valueStart..<valueEnd
    }

    /// The `AccountKey=` of an Azure Storage connection string: 32 or more base64 characters
    /// (real keys have 88).
    static let azureStorageAccountKey = keyValue(
        "azure-storage-account-key", "Azure Storage account key", key: "accountkey")

    /// The `SharedAccessKey=` of an Azure Service Bus, Event Hubs or IoT Hub connection string.
    static let azureSharedAccessKey = keyValue(
        "azure-shared-access-key", "Azure shared access key", key: "sharedaccesskey")

    /// The `sig=` of an Azure shared access signature URL: a query parameter after `?` or `&`
    /// of 40 or more (percent-encoded) base64 characters, with the `sv=` (signed version)
    /// parameter every SAS carries within 2 KiB; `sig=` alone is too common a name.
    static let azureSASSignature = SecretRule(
        id: "azure-sas-signature", category: .cloudKey, description: "Azure shared access signature",
        precedence: Precedence.token, anchors: [Anchor("sig=")]
    ) { input, start, end in
        guard let before = input.byte(at: start - 1),
            before == UInt8(ascii: "?") || before == UInt8(ascii: "&")
        else { return nil }
        let stop = input.runEnd(from: end, in: sasSignature, limit: 256)
        guard stop - end >= 40, input.occurs(sasVersion, near: start, window: 2048) else { return nil }
        return end..<stop
    }

    private static let serviceAccount = Array("service_account".utf8)
    private static let sasVersion = Array("sv=".utf8)
    private static let sasSignature = ByteSet("A-Za-z0-9%+/=")

    /// `<key>=<base64>` in a `;`-separated connection string, the key in any case.
    private static func keyValue(_ id: String, _ description: String, key: String) -> SecretRule {
        SecretRule(
            id: id, category: .cloudKey, description: description, precedence: Precedence.token,
            anchors: [.anyCase(key)]
        ) { input, start, end in
            guard input.isBoundary(at: start - 1, for: .alnum) else { return nil }
            var i = input.runEnd(from: end, in: .blank, limit: 4)
            guard input.byte(at: i) == UInt8(ascii: "=") else { return nil }
            i = input.runEnd(from: i + 1, in: .blank, limit: 4)
            let body = input.runEnd(from: i, in: .base64, limit: 512)
            guard body - i >= 32 else { return nil }
            return i..<input.runEnd(from: body, in: .padding, limit: 2)
        }
    }
}
