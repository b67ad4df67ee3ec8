import CryptoExtras
import Foundation
import GatehouseCore
import JWTKit
import Synchronization

@testable import GatehouseIdentity

/// A provider's keys and token minting, in process, for the verifier's unit tests. (The
/// end-to-end flows run against the real nanoidp provider.)
final class TestProvider: JWKSSource, Sendable {
    static let issuer = "https://idp.test"
    static let clientID = "gatehouse"

    let rsa: JWTKit.Insecure.RSA.PrivateKey
    let ec = ES256PrivateKey()
    let signing = JWTKeyCollection()
    let published = Mutex<[String]>(["rsa-1", "ec-1"])
    let fetches = Mutex(0)
    let garbage = Mutex(false)

    init() async throws {
        rsa = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        await signing.add(rsa: rsa, digestAlgorithm: .sha256, kid: "rsa-1")
        await signing.add(ecdsa: ec, kid: "ec-1")
        await signing.add(rsa: rsa, digestAlgorithm: .sha256, kid: "rsa-unpublished")
    }

    func fetchJWKS() async throws -> String {
        fetches.withLock { $0 += 1 }
        if garbage.withLock({ $0 }) { return "<html>maintenance</html>" }
        let (modulus, exponent) = try rsa.publicKey.getKeyPrimitives()
        var keys: [String] = []
        let kids = published.withLock { $0 }
        if kids.contains("rsa-1") {
            keys.append(
                #"{"kty":"RSA","kid":"rsa-1","alg":"RS256","use":"sig","n":"\#(Self.b64(modulus))","e":"\#(Self.b64(exponent))"}"#
            )
        }
        if kids.contains("rsa-unpublished") {
            keys.append(
                #"{"kty":"RSA","kid":"rsa-unpublished","alg":"RS256","n":"\#(Self.b64(modulus))","e":"\#(Self.b64(exponent))"}"#
            )
        }
        if kids.contains("ec-1"), let x = ec.publicKey.parameters?.x, let y = ec.publicKey.parameters?.y {
            keys.append(#"{"kty":"EC","kid":"ec-1","crv":"P-256","alg":"ES256","x":"\#(x)","y":"\#(y)"}"#)
        }
        // A symmetric key in the set must be ignored, never used.
        keys.append(#"{"kty":"oct","kid":"hmac-1","k":"c2VjcmV0"}"#)
        return #"{"keys":[\#(keys.joined(separator: ","))]}"#
    }

    static func b64(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    struct Claims: JWTPayload {
        var iss = TestProvider.issuer
        var sub = "00u-alice"
        var aud: [String] = [TestProvider.clientID]
        var azp: String?
        var exp: Double
        var iat: Double
        var nonce: String? = "n-0S6"
        var email: String? = "alice@example.com"
        var groups: [String]? = ["developers", "auditors"]
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    func token(kid: String = "rsa-1", _ edit: (inout Claims) -> Void = { _ in }) async throws -> String {
        var claims = Claims(exp: Self.now + 300, iat: Self.now)
        edit(&claims)
        return try await signing.sign(claims, kid: JWKIdentifier(string: kid))
    }

    static let now: Double = 1_800_000_000

    func verifier(refetch: Duration = .seconds(60)) -> IDTokenVerifier {
        IDTokenVerifier(
            issuer: Self.issuer, clientID: Self.clientID, source: self, refetchInterval: refetch, now: { Self.now })
    }
}
