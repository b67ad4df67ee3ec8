import GatehouseCore

/// The SemVer 2.0.0 grammar shared by `SemanticVersion` and `GoModuleVersion`.
enum SemverGrammar {
    /// Parses `MAJOR[.MINOR[.PATCH]][-PRE][+BUILD]`; without `shorthand`, all three numbers are
    /// required; with it, missing ones are zero but then no pre-release or build may follow
    /// (golang.org/x/mod/semver's rule).
    static func parse(
        _ bytes: ArraySlice<UInt8>, text: String, scheme: String, shorthand: Bool
    ) throws(GatehouseError) -> (core: [Numeral], prerelease: [SemanticVersion.Identifier]) {
        var i = bytes.startIndex
        var core: [Numeral] = []
        while core.count < 3 {
            if !core.isEmpty {
                guard i < bytes.endIndex, bytes[i] == 0x2E else { break }
                i += 1
            }
            let start = i
            while i < bytes.endIndex && bytes[i].isDigit { i += 1 }
            if start == i {
                throw VersionInput.invalid(scheme, text, "expected a number at byte \(start - bytes.startIndex + 1)")
            }
            if i - start > 1 && bytes[start] == 0x30 {
                throw VersionInput.invalid(scheme, text, "a number has a leading zero")
            }
            core.append(Numeral(digits: bytes[start..<i]))
        }
        if core.count < 3 {
            if !shorthand { throw VersionInput.invalid(scheme, text, "it needs MAJOR.MINOR.PATCH") }
            if i != bytes.endIndex { throw VersionInput.invalid(scheme, text, "a shortened version has no suffix") }
            while core.count < 3 { core.append(.zero) }
            return (core, [])
        }
        var prerelease: [SemanticVersion.Identifier] = []
        if i < bytes.endIndex && bytes[i] == 0x2D {
            let end = bytes[(i + 1)...].firstIndex(of: 0x2B) ?? bytes.endIndex
            for identifier in bytes[(i + 1)..<end].split(separator: 0x2E, omittingEmptySubsequences: false) {
                prerelease.append(try self.identifier(identifier, text: text, scheme: scheme))
            }
            i = end
        }
        if i < bytes.endIndex && bytes[i] == 0x2B {
            for identifier in bytes[(i + 1)...].split(separator: 0x2E, omittingEmptySubsequences: false) {
                if identifier.isEmpty || !identifier.allSatisfy(isIdentifierByte) {
                    throw VersionInput.invalid(scheme, text, "invalid build metadata")
                }
            }
            i = bytes.endIndex
        }
        if i != bytes.endIndex {
            throw VersionInput.invalid(scheme, text, "unexpected character at byte \(i - bytes.startIndex + 1)")
        }
        return (core, prerelease)
    }

    /// One pre-release identifier: digits without a leading zero, or `[0-9A-Za-z-]+` with a non-digit.
    private static func identifier(
        _ bytes: ArraySlice<UInt8>, text: String, scheme: String
    ) throws(GatehouseError) -> SemanticVersion.Identifier {
        if bytes.isEmpty || !bytes.allSatisfy(isIdentifierByte) {
            throw VersionInput.invalid(scheme, text, "invalid pre-release identifier")
        }
        if bytes.allSatisfy(\.isDigit) {
            if bytes.count > 1 && bytes.first == 0x30 {
                throw VersionInput.invalid(scheme, text, "a numeric pre-release identifier has a leading zero")
            }
            return .number(Numeral(digits: bytes))
        }
        return .word(Array(bytes))
    }

    /// `[0-9A-Za-z-]`.
    private static func isIdentifierByte(_ byte: UInt8) -> Bool { byte.isAlphanumeric || byte == 0x2D }
}
