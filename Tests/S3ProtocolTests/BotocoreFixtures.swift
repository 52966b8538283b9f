import Foundation
import Testing

/// Requests signed by botocore 1.43 (`tools/botocore_fixtures.py` in the helper's scratch package): tricky keys and
/// queries under SigV4 header, SigV4 presigned, SigV2 header and SigV2 query authentication, all signed at `now`.
enum BotocoreFixtures {
    struct Fixture: Decodable, CustomTestStringConvertible {
        var now: Int
        var kind: String
        var method: String
        var path: String
        var query: String
        var headers: [[String]]

        var testDescription: String { "\(self.kind) \(self.method) \(self.path)?\(self.query.prefix(60))" }
    }

    static let all: [Fixture] = try! JSONDecoder().decode([Fixture].self, from: Data(json.utf8))

    static let json = #"""
        [
        {"now":1795980110,"kind":"v4","method":"GET","path":"/bucket/a%20b%2Bc/%C3%BC%20%E2%82%AC/x%2Ay%27%28z%29%21~.txt","quer\#
        y":"","headers":[["X-Amz-Date","20261129T192150Z"],["X-Amz-Content-SHA256","e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b\#
        934ca495991b7852b855"],["Authorization","AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/eu-west-3/s3/aws4_req\#
        uest, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=48a49117cfb316a30c2d9050c05c013c7e3da3da95cc90b13d64\#
        51a9c67b4548"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"GET","path":"/bucket/a%20b%2Bc/%C3%BC%20%E2%82%AC/x%2Ay%27%28z%29%21~.txt",\#
        "query":"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_reque\#
        st&X-Amz-Date=20261129T192150Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=773fed10a5e0f9a2a214cdc4f7c1d\#
        7daf36997bc429a87e0f9f2206e07512637","headers":[["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"GET","path":"/bucket/a%20b%2Bc/%C3%BC%20%E2%82%AC/x%2Ay%27%28z%29%21~.txt","quer\#
        y":"","headers":[["Date","Sun, 29 Nov 2026 19:21:50 GMT"],["Authorization","AWS AKIAIOSFODNN7EXAMPLE:23xg57waODUeXFpotL5\#
        zPcFkz1k="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"GET","path":"/bucket/a%20b%2Bc/%C3%BC%20%E2%82%AC/x%2Ay%27%28z%29%21~.txt",\#
        "query":"AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=9CDdw55wv2gCWdHoJ2FOaEpwdKA%3D&Expires=1795983710","headers":[["D\#
        ate","1795983710"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4","method":"GET","path":"/bucket","query":"list-type=2&prefix=dir%2Fsub%20dir%2F&delimiter=%\#
        2F&continuation-token=abc%2B%2F%3D","headers":[["X-Amz-Date","20261129T192150Z"],["X-Amz-Content-SHA256","e3b0c44298fc1c\#
        149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],["Authorization","AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\#
        20261129/eu-west-3/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0166d98e213a9d6e61ac0d\#
        40181d6dfa588e6a1d3aa3a5dee8341bc910e1b689"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"GET","path":"/bucket","query":"list-type=2&prefix=dir%2Fsub%20dir%2F&delimi\#
        ter=%2F&continuation-token=abc%2B%2F%3D&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F2026112\#
        9%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T192150Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signatur\#
        e=102588d8638f31a08a580eff34e22b2598de2083d432627a8730274e8f710cc7","headers":[["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"GET","path":"/bucket","query":"list-type=2&prefix=dir%2Fsub%20dir%2F&delimiter=%\#
        2F&continuation-token=abc%2B%2F%3D","headers":[["Date","Sun, 29 Nov 2026 19:21:50 GMT"],["Authorization","AWS AKIAIOSFOD\#
        NN7EXAMPLE:cM9wMM21aNnDHXIWulHsfRPgtqA="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"GET","path":"/bucket","query":"list-type=2&prefix=dir%2Fsub%20dir%2F&delimi\#
        ter=%2F&continuation-token=abc%2B%2F%3D&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=Y3Qy9nIci5QHp00UBxBz3BJqw%2FE%3D&E\#
        xpires=1795983710","headers":[["Date","1795983710"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4","method":"PUT","path":"/bucket/k%3Dv%26w%3Bx","query":"","headers":[["Content-Type","text/\#
        plain"],["x-amz-meta-note","  two   spaces  "],["Content-MD5","sQqNsWTgdUEFt6mb5y4/5Q=="],["X-Amz-Date","20261129T192150\#
        Z"],["X-Amz-Content-SHA256","e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],["Authorization","AWS4-H\#
        MAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/eu-west-3/s3/aws4_request, SignedHeaders=content-md5;content-type;ho\#
        st;x-amz-content-sha256;x-amz-date;x-amz-meta-note, Signature=6cc93b6c3fca72a1512f910f8ec5a64a763ca9817cfcc01119b81d2597\#
        e7acbe"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"PUT","path":"/bucket/k%3Dv%26w%3Bx","query":"X-Amz-Algorithm=AWS4-HMAC-SHA2\#
        56&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T192150Z&X-Amz-Ex\#
        pires=3600&X-Amz-SignedHeaders=content-md5%3Bcontent-type%3Bhost%3Bx-amz-meta-note&X-Amz-Signature=021b3359fdc66c663bc28\#
        5c0434f5a0943b16b77f6d102a1edef01ee8ad80162","headers":[["Content-Type","text/plain"],["x-amz-meta-note","  two   spaces\#
          "],["Content-MD5","sQqNsWTgdUEFt6mb5y4/5Q=="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"PUT","path":"/bucket/k%3Dv%26w%3Bx","query":"","headers":[["Content-Type","text/\#
        plain"],["x-amz-meta-note","  two   spaces  "],["Content-MD5","sQqNsWTgdUEFt6mb5y4/5Q=="],["Date","Sun, 29 Nov 2026 19:2\#
        1:50 GMT"],["Authorization","AWS AKIAIOSFODNN7EXAMPLE:eqSjPitPABJSePjODRLOQdORYIs="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"PUT","path":"/bucket/k%3Dv%26w%3Bx","query":"AWSAccessKeyId=AKIAIOSFODNN7EX\#
        AMPLE&Signature=RfV2GzbpyIU2iR1d4mtYtZOhKBo%3D&content-type=text%2Fplain&x-amz-meta-note=%20%20two%20%20%20spaces%20%20&\#
        content-md5=sQqNsWTgdUEFt6mb5y4%2F5Q%3D%3D&Expires=1795983710","headers":[["Content-Type","text/plain"],["x-amz-meta-not\#
        e","  two   spaces  "],["Content-MD5","sQqNsWTgdUEFt6mb5y4/5Q=="],["Date","1795983710"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4","method":"GET","path":"/bucket","query":"acl","headers":[["X-Amz-Date","20261129T192150Z"]\#
        ,["X-Amz-Content-SHA256","e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],["Authorization","AWS4-HMAC\#
        -SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/eu-west-3/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-am\#
        z-date, Signature=32d0973e5689d00e67c8ad63cd075a30a336072c00799e8d2a6f0b4d6185977b"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"GET","path":"/bucket","query":"acl=&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-\#
        Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T192150Z&X-Amz-Expires=360\#
        0&X-Amz-SignedHeaders=host&X-Amz-Signature=e26785d11d17a74b1c3f7ab057b3da19bd34a9a991602d4bfda05116212736b6","headers":[\#
        ["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"GET","path":"/bucket","query":"acl","headers":[["Date","Sun, 29 Nov 2026 19:21:5\#
        0 GMT"],["Authorization","AWS AKIAIOSFODNN7EXAMPLE:BgoQC5JNCHwWiA09IfPy+cyW4/8="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"GET","path":"/bucket","query":"acl&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Sign\#
        ature=PlN%2FOK1oxnGrDeUtT%2BhGPOJ2G60%3D&Expires=1795983710","headers":[["Date","1795983710"],["Host","localhost:9000"]]\#
        },
        {"now":1795980110,"kind":"v4","method":"PUT","path":"/bucket/key","query":"partNumber=3&uploadId=upl%2Foad%2Bid%3D","hea\#
        ders":[["X-Amz-Date","20261129T192150Z"],["X-Amz-Content-SHA256","e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca49599\#
        1b7852b855"],["Authorization","AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/eu-west-3/s3/aws4_request, Sign\#
        edHeaders=host;x-amz-content-sha256;x-amz-date, Signature=bd099db08d50de33c35771246ecdf99f1527cdbfa41b817c3d43945c6d17f6\#
        7f"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"PUT","path":"/bucket/key","query":"partNumber=3&uploadId=upl%2Foad%2Bid%3D&\#
        X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-\#
        Date=20261129T192150Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=9e87053156917d77a141f86e2077128838abf4\#
        442405b7255719fe6bd3b84dab","headers":[["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"PUT","path":"/bucket/key","query":"partNumber=3&uploadId=upl%2Foad%2Bid%3D","hea\#
        ders":[["Date","Sun, 29 Nov 2026 19:21:50 GMT"],["Authorization","AWS AKIAIOSFODNN7EXAMPLE:1TsbuMXswvZh79AFPikG12AVRJU="\#
        ],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"PUT","path":"/bucket/key","query":"partNumber=3&uploadId=upl%2Foad%2Bid%3D&\#
        AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=M%2FR6ikeGtQNDPySo6zb8QzMdQoA%3D&Expires=1795983710","headers":[["Date","1\#
        795983710"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4","method":"GET","path":"/bucket/key","query":"response-content-disposition=attachment%3B%20\#
        filename%3D%22x%20y.txt%22&versionId=v1","headers":[["X-Amz-Date","20261129T192150Z"],["X-Amz-Content-SHA256","e3b0c4429\#
        8fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],["Authorization","AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXA\#
        MPLE/20261129/eu-west-3/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=71fd44c53c19f4138\#
        f4e87d4b4b8f1f02e9fb0b3e9f0cf98c61c1ab54c0be1d8"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"GET","path":"/bucket/key","query":"response-content-disposition=attachment%\#
        3B%20filename%3D%22x%20y.txt%22&versionId=v1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20\#
        261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T192150Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Sig\#
        nature=0454a718621b05b7b5c0d3fbeddb4324ac0e8f2e9baddfafa99d6beeaf919fdb","headers":[["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"GET","path":"/bucket/key","query":"response-content-disposition=attachment%3B%20\#
        filename%3D%22x%20y.txt%22&versionId=v1","headers":[["Date","Sun, 29 Nov 2026 19:21:50 GMT"],["Authorization","AWS AKIAI\#
        OSFODNN7EXAMPLE:M2nGEmh2LYJKSvWevKmvH5y4G2E="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"GET","path":"/bucket/key","query":"response-content-disposition=attachment%\#
        3B%20filename%3D%22x%20y.txt%22&versionId=v1&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=oJ3IutSVVkKNIN%2BA5ngUBJ4WfLk\#
        %3D&Expires=1795983710","headers":[["Date","1795983710"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4","method":"DELETE","path":"/bucket","query":"delete","headers":[["Content-MD5","1B2M2Y8AsgT\#
        pgAmY7PhCfg=="],["X-Amz-Date","20261129T192150Z"],["X-Amz-Content-SHA256","e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b9\#
        34ca495991b7852b855"],["Authorization","AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/eu-west-3/s3/aws4_requ\#
        est, SignedHeaders=content-md5;host;x-amz-content-sha256;x-amz-date, Signature=a99f46115fa136373abec941e9494eaf8ab659858\#
        5efc700d55f99e2a2f55f6c"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"DELETE","path":"/bucket","query":"delete=&X-Amz-Algorithm=AWS4-HMAC-SHA256&\#
        X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T192150Z&X-Amz-Expir\#
        es=3600&X-Amz-SignedHeaders=content-md5%3Bhost&X-Amz-Signature=a8218779fccdeab5dfcdf5d502ee4662382d449a2c7ee118d2de7b827\#
        fd2db5c","headers":[["Content-MD5","1B2M2Y8AsgTpgAmY7PhCfg=="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"DELETE","path":"/bucket","query":"delete","headers":[["Content-MD5","1B2M2Y8AsgT\#
        pgAmY7PhCfg=="],["Date","Sun, 29 Nov 2026 19:21:50 GMT"],["Authorization","AWS AKIAIOSFODNN7EXAMPLE:IgpObvsFnyxz4/4N+zaY\#
        5BHsYeE="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"DELETE","path":"/bucket","query":"delete&AWSAccessKeyId=AKIAIOSFODNN7EXAMPL\#
        E&Signature=F0MwpLxMNiZXp4Z2a9d9u7riUdQ%3D&content-md5=1B2M2Y8AsgTpgAmY7PhCfg%3D%3D&Expires=1795983710","headers":[["Con\#
        tent-MD5","1B2M2Y8AsgTpgAmY7PhCfg=="],["Date","1795983710"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4","method":"GET","path":"/bucket","query":"encryption","headers":[["X-Amz-Date","20261129T19\#
        2150Z"],["X-Amz-Content-SHA256","e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],["Authorization","AW\#
        S4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/eu-west-3/s3/aws4_request, SignedHeaders=host;x-amz-content-sha2\#
        56;x-amz-date, Signature=89ece974c93e23659a7cd502378edb0e60bf9959959f8ad888be678fca8aa477"],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v4query","method":"GET","path":"/bucket","query":"encryption=&X-Amz-Algorithm=AWS4-HMAC-SHA256\#
        &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T192150Z&X-Amz-Expi\#
        res=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6f6d2d336fdb7882c9a9f5495cc5194eda55d7cae34e0d0f421043307774627b","hea\#
        ders":[["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2","method":"GET","path":"/bucket","query":"encryption","headers":[["Date","Sun, 29 Nov 2026 \#
        19:21:50 GMT"],["Authorization","AWS AKIAIOSFODNN7EXAMPLE:cM9wMM21aNnDHXIWulHsfRPgtqA="],["Host","localhost:9000"]]},
        {"now":1795980110,"kind":"v2query","method":"GET","path":"/bucket","query":"encryption&AWSAccessKeyId=AKIAIOSFODNN7EXAMP\#
        LE&Signature=Y3Qy9nIci5QHp00UBxBz3BJqw%2FE%3D&Expires=1795983710","headers":[["Date","1795983710"],["Host","localhost:90\#
        00"]]}
        ]
        """#
}
