import Crypto
import Foundation
public import GatehouseCore
import NIOSSL
import SwiftASN1
import Synchronization
import X509

/// A certificate authority of one sandbox, made when its egress proxy starts and gone when it
/// stops: its key never leaves this process and only that sandbox trusts its certificate. The
/// proxy presents certificates it issues when it opens a TLS connection to a host that gets
/// credentials injected, so the credential is added inside TLS without ever entering the sandbox.
public final class SandboxCA: Sendable {
    /// The CA certificate, PEM; what the sandbox trusts.
    public let certificatePEM: String
    private let key: P256.Signing.PrivateKey
    private let name: DistinguishedName
    private let leaves = Mutex<[String: Leaf]>([:])

    /// A server certificate for one host and its key, as NIOSSL takes them.
    struct Leaf: @unchecked Sendable {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
    }

    /// How long certificates are valid: the sandbox's life is bounded by its wall time, and a
    /// day covers the longest. Backdated a little for guest clocks that lag.
    static let lifetime: TimeInterval = 24 * 3600

    /// Makes a fresh authority for the sandbox `sandboxID`.
    public init(sandboxID: String) throws(GatehouseError) {
        let key = P256.Signing.PrivateKey()
        self.key = key
        do {
            let name = try DistinguishedName {
                OrganizationName("Gatehouse")
                CommonName("Gatehouse sandbox \(sandboxID.prefix(40)) egress CA")
            }
            self.name = name
            let now = Date()
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(),
                publicKey: Certificate.PublicKey(key.publicKey), notValidBefore: now - 300,
                notValidAfter: now + Self.lifetime, issuer: name, subject: name,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
                }, issuerPrivateKey: Certificate.PrivateKey(key))
            certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
        } catch {
            throw GatehouseError(
                .sandboxUnavailable, "cannot make the sandbox's egress certificate authority: \(error)")
        }
    }

    /// The certificate for `host` (a name or an address), issued once and kept.
    func leaf(for host: String) throws -> Leaf {
        if let leaf = leaves.withLock({ $0[host] }) { return leaf }
        let leafKey = P256.Signing.PrivateKey()
        let subjectName: GeneralName
        if let address = Self.addressBytes(host) {
            subjectName = .ipAddress(ASN1OctetString(contentBytes: ArraySlice(address)))
        } else {
            subjectName = .dnsName(host)
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(leafKey.publicKey), notValidBefore: now - 300,
            notValidAfter: now + Self.lifetime, issuer: name,
            subject: try DistinguishedName { CommonName(String(host.prefix(64))) },
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([subjectName])
                AuthorityKeyIdentifier(
                    keyIdentifier: SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey)).keyIdentifier)
            }, issuerPrivateKey: Certificate.PrivateKey(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let leaf = Leaf(
            chain: [try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)],
            key: try NIOSSLPrivateKey(bytes: Array(leafKey.pemRepresentation.utf8), format: .pem))
        leaves.withLock { $0[host] = leaf }
        return leaf
    }

    /// The bytes of an IPv4 or IPv6 address, or nil for a host name.
    static func addressBytes(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
