import Foundation
import S3RequestXML
import Testing

@testable import S3Server

struct S3XMLResponseTests {
    let date = XMLFixtures.date
    let owner = XMLFixtures.owner
    let ownerXML = "<Owner><ID>\(XMLFixtures.owner.id)</ID><DisplayName>obslab</DisplayName></Owner>"

    @Test func listAllMyBucketsWrapsBucketsAndRoundTrips() throws {
        let document = ListAllMyBucketsResult(
            owner: owner,
            buckets: [.init(name: "a", creationDate: date), .init(name: "b", creationDate: date.addingTimeInterval(0.5))]
        )
        let bytes = try S3XML.encode(document)
        #expect(
            XMLFixtures.string(bytes) == XMLFixtures.header + "<ListAllMyBucketsResult \(XMLFixtures.s3)>\(ownerXML)<Buckets>"
                + "<Bucket><Name>a</Name><CreationDate>2026-11-29T19:09:53.000Z</CreationDate></Bucket>"
                + "<Bucket><Name>b</Name><CreationDate>2026-11-29T19:09:53.500Z</CreationDate></Bucket>"
                + "</Buckets></ListAllMyBucketsResult>"
        )
        #expect(try XMLFixtures.decode(ListAllMyBucketsResult.self, from: bytes) == document)
    }

    @Test func listAllMyBucketsWithoutBucketsKeepsAnEmptyWrapper() throws {
        let document = ListAllMyBucketsResult(owner: owner, buckets: [])
        let bytes = try S3XML.encode(document)
        #expect(XMLFixtures.string(bytes).hasSuffix("</Owner><Buckets /></ListAllMyBucketsResult>"))
        #expect(try XMLFixtures.decode(ListAllMyBucketsResult.self, from: bytes) == document)
    }

    @Test func listAllMyBucketsCarriesEachDialectsPaging() throws {
        var document = ListAllMyBucketsResult(
            owner: owner,
            buckets: [.init(name: "a", creationDate: date, bucketRegion: "us-east-1")],
            continuationToken: "YQ==",
            prefix: "a"
        )
        var text = XMLFixtures.string(try S3XML.encode(document))
        #expect(text.contains("<CreationDate>2026-11-29T19:09:53.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>"))
        #expect(text.hasSuffix("</Buckets><ContinuationToken>YQ==</ContinuationToken><Prefix>a</Prefix></ListAllMyBucketsResult>"))
        #expect(try XMLFixtures.decode(ListAllMyBucketsResult.self, from: try S3XML.encode(document)) == document)

        document = ListAllMyBucketsResult(owner: owner, buckets: [.init(name: "a", creationDate: date, location: "r", bucketType: "OBJECT")])
        (document.marker, document.maxKeys, document.isTruncated, document.nextMarker) = ("0", 1, true, "a")
        text = XMLFixtures.string(try S3XML.encode(document))
        #expect(text.contains("<Location>r</Location><BucketType>OBJECT</BucketType></Bucket>"))
        #expect(
            text.hasSuffix(
                "<Marker>0</Marker><MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>a</NextMarker></ListAllMyBucketsResult>"
            )
        )
        #expect(try XMLFixtures.decode(ListAllMyBucketsResult.self, from: try S3XML.encode(document)) == document)
    }

    @Test func getObjectAttributesListsOnlyWhatWasAskedFor() throws {
        var document = GetObjectAttributesResponse()
        document.etag = "abc-2"
        document.objectParts = .init(
            isTruncated: true,
            maxParts: 1,
            nextPartNumberMarker: 1,
            partNumberMarker: 0,
            parts: [.init(checksumSHA256: "c2hh", partNumber: 1, size: 5)],
            partsCount: 2
        )
        let text = XMLFixtures.string(try S3XML.encode(document))
        #expect(
            text == XMLFixtures.header + "<GetObjectAttributesResponse \(XMLFixtures.s3)><ETag>abc-2</ETag><ObjectParts>"
                + "<IsTruncated>true</IsTruncated><MaxParts>1</MaxParts><NextPartNumberMarker>1</NextPartNumberMarker>"
                + "<PartNumberMarker>0</PartNumberMarker><Part><ChecksumSHA256>c2hh</ChecksumSHA256><PartNumber>1</PartNumber>"
                + "<Size>5</Size></Part><PartsCount>2</PartsCount></ObjectParts></GetObjectAttributesResponse>"
        )
    }

    @Test func locationConstraintIsEmptyForTheDefaultRegion() throws {
        #expect(XMLFixtures.string(try S3XML.encode(LocationConstraint())) == XMLFixtures.header + "<LocationConstraint \(XMLFixtures.s3) />")
        #expect(
            XMLFixtures.string(try S3XML.encode(LocationConstraint(region: "eu-west-1")))
                == XMLFixtures.header + "<LocationConstraint \(XMLFixtures.s3)>eu-west-1</LocationConstraint>"
        )
    }

    @Test func listBucketV1OmitsAbsentFieldsAndKeepsEmptyOnes() throws {
        let document = ListBucketResult(name: "b", prefix: "", marker: "", maxKeys: 1000, isTruncated: false)
        #expect(
            XMLFixtures.string(try S3XML.encode(document)) == XMLFixtures.header + "<ListBucketResult \(XMLFixtures.s3)>"
                + "<Name>b</Name><Prefix></Prefix><Marker></Marker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                + "</ListBucketResult>"
        )
    }

    @Test func listBucketV1RoundTrips() throws {
        let document = ListBucketResult(
            name: "b", prefix: "p/", marker: "p/a", nextMarker: "p/z", maxKeys: 2, delimiter: "/", isTruncated: true,
            encodingType: "url",
            contents: [.init(key: "p/b", lastModified: date, etag: "\"e1\"", size: 5, owner: owner, checksumAlgorithm: "CRC32")],
            commonPrefixes: [.init(prefix: "p/c/")]
        )
        #expect(try XMLFixtures.decode(ListBucketResult.self, from: S3XML.encode(document)) == document)
    }

    @Test func listBucketV2HasElementsInS3OrderAndEscapesKeys() throws {
        let document = ListBucketResultV2(
            name: "b", prefix: "p/", maxKeys: 2, keyCount: 3, delimiter: "/", isTruncated: true, continuationToken: "t0",
            nextContinuationToken: "t1",
            contents: [.init(key: "p/a&b<c>\"'\r", lastModified: date, etag: "\"abc\"", size: 3)],
            commonPrefixes: [.init(prefix: "p/x/"), .init(prefix: "p/y/")]
        )
        let bytes = try S3XML.encode(document)
        #expect(
            XMLFixtures.string(bytes) == XMLFixtures.header + "<ListBucketResult \(XMLFixtures.s3)><Name>b</Name><Prefix>p/</Prefix>"
                + "<MaxKeys>2</MaxKeys><KeyCount>3</KeyCount><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>"
                + "<ContinuationToken>t0</ContinuationToken><NextContinuationToken>t1</NextContinuationToken>"
                + "<Contents><Key>p/a&amp;b&lt;c&gt;\"'&#13;</Key><LastModified>2026-11-29T19:09:53.000Z</LastModified>"
                + "<ETag>\"abc\"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>"
                + "<CommonPrefixes><Prefix>p/x/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>p/y/</Prefix></CommonPrefixes>"
                + "</ListBucketResult>"
        )
        #expect(try XMLFixtures.decode(ListBucketResultV2.self, from: bytes) == document)
    }

    @Test func listVersionsInterleavesVersionsAndDeleteMarkersInOrder() throws {
        let document = ListVersionsResult(
            name: "b", prefix: "", keyMarker: "", versionIdMarker: "", nextKeyMarker: "a", nextVersionIdMarker: "v0",
            maxKeys: 3, isTruncated: true,
            entries: [
                .version(.init(key: "a", versionId: "v2", isLatest: true, lastModified: date, etag: "\"e\"", size: 1, owner: owner)),
                .deleteMarker(.init(key: "a", versionId: "v1", isLatest: false, lastModified: date, owner: owner)),
                .version(.init(key: "a", versionId: "v0", isLatest: false, lastModified: date, etag: "\"e\"", size: 1, owner: owner)),
            ],
            commonPrefixes: [.init(prefix: "d/")]
        )
        let version = { (id: String, latest: Bool) in
            "<Version><Key>a</Key><VersionId>\(id)</VersionId><IsLatest>\(latest)</IsLatest>"
                + "<LastModified>2026-11-29T19:09:53.000Z</LastModified><ETag>\"e\"</ETag><Size>1</Size>"
                + "<StorageClass>STANDARD</StorageClass>\(ownerXML)</Version>"
        }
        let marker =
            "<DeleteMarker><Key>a</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest>"
            + "<LastModified>2026-11-29T19:09:53.000Z</LastModified>\(ownerXML)</DeleteMarker>"
        #expect(
            XMLFixtures.string(try S3XML.encode(document)) == XMLFixtures.header + "<ListVersionsResult \(XMLFixtures.s3)>"
                + "<Name>b</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker>"
                + "<NextKeyMarker>a</NextKeyMarker><NextVersionIdMarker>v0</NextVersionIdMarker><MaxKeys>3</MaxKeys>"
                + "<IsTruncated>true</IsTruncated>" + version("v2", true) + marker + version("v0", false)
                + "<CommonPrefixes><Prefix>d/</Prefix></CommonPrefixes></ListVersionsResult>"
        )
    }

    @Test func multipartDocumentsRoundTrip() throws {
        let initiate = InitiateMultipartUploadResult(bucket: "b", key: "k", uploadId: "u1")
        #expect(
            XMLFixtures.string(try S3XML.encode(initiate)) == XMLFixtures.header + "<InitiateMultipartUploadResult \(XMLFixtures.s3)>"
                + "<Bucket>b</Bucket><Key>k</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>"
        )
        let complete = CompleteMultipartUploadResult(
            location: "http://localhost:9000/b/k", bucket: "b", key: "k", etag: "\"abc-2\"", checksumCRC32: "Mhb2jA==",
            checksumType: "COMPOSITE"
        )
        #expect(
            XMLFixtures.string(try S3XML.encode(complete)) == XMLFixtures.header + "<CompleteMultipartUploadResult \(XMLFixtures.s3)>"
                + "<Location>http://localhost:9000/b/k</Location><Bucket>b</Bucket><Key>k</Key><ETag>\"abc-2\"</ETag>"
                + "<ChecksumCRC32>Mhb2jA==</ChecksumCRC32><ChecksumType>COMPOSITE</ChecksumType></CompleteMultipartUploadResult>"
        )
        #expect(try XMLFixtures.decode(CompleteMultipartUploadResult.self, from: S3XML.encode(complete)) == complete)
        let parts = ListPartsResult(
            bucket: "b", key: "k", uploadId: "u1", partNumberMarker: 0, nextPartNumberMarker: 2, maxParts: 2, isTruncated: true,
            parts: [
                .init(partNumber: 1, lastModified: date, etag: "\"p1\"", size: 5_242_880, checksumCRC32: "AAAAAA=="),
                .init(partNumber: 2, lastModified: date, etag: "\"p2\"", size: 7),
            ],
            initiator: owner, owner: owner
        )
        #expect(try XMLFixtures.decode(ListPartsResult.self, from: S3XML.encode(parts)) == parts)
        let uploads = ListMultipartUploadsResult(
            bucket: "b", keyMarker: "", uploadIdMarker: "", nextKeyMarker: "k", nextUploadIdMarker: "u1", prefix: "",
            maxUploads: 1000, isTruncated: false,
            uploads: [.init(key: "k", uploadId: "u1", initiator: owner, owner: owner, initiated: date)],
            commonPrefixes: [.init(prefix: "x/")]
        )
        #expect(try XMLFixtures.decode(ListMultipartUploadsResult.self, from: S3XML.encode(uploads)) == uploads)
    }

    @Test func copyResults() throws {
        #expect(
            XMLFixtures.string(try S3XML.encode(CopyObjectResult(etag: "\"e\"", lastModified: date)))
                == XMLFixtures.header + "<CopyObjectResult \(XMLFixtures.s3)><ETag>\"e\"</ETag>"
                + "<LastModified>2026-11-29T19:09:53.000Z</LastModified></CopyObjectResult>"
        )
        let part = CopyPartResult(etag: "\"p\"", lastModified: date)
        #expect(try XMLFixtures.decode(CopyPartResult.self, from: S3XML.encode(part)) == part)
    }

    @Test func deleteResultRepeatsDeletedAndErrorElements() throws {
        let document = DeleteResult(
            deleted: [.init(key: "a"), .init(key: "b", versionId: "v", deleteMarker: true, deleteMarkerVersionId: "m")],
            errors: [.init(key: "c", code: "AccessDenied", message: "Access Denied")]
        )
        let bytes = try S3XML.encode(document)
        #expect(
            XMLFixtures.string(bytes) == XMLFixtures.header + "<DeleteResult \(XMLFixtures.s3)><Deleted><Key>a</Key></Deleted>"
                + "<Deleted><Key>b</Key><VersionId>v</VersionId><DeleteMarker>true</DeleteMarker>"
                + "<DeleteMarkerVersionId>m</DeleteMarkerVersionId></Deleted>"
                + "<Error><Key>c</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>"
        )
        #expect(try XMLFixtures.decode(DeleteResult.self, from: bytes) == document)
        #expect(XMLFixtures.string(try S3XML.encode(DeleteResult())) == XMLFixtures.header + "<DeleteResult \(XMLFixtures.s3) />")
    }

    @Test func errorHasNoNamespaceAndDetailsAfterMessage() throws {
        let document = S3ErrorDocument(
            code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match.",
            details: [("AWSAccessKeyId", "AKID"), ("StringToSign", "AWS4-HMAC-SHA256\n2026")],
            resource: "/b/k", requestId: "r1"
        )
        #expect(
            XMLFixtures.string(try S3XML.encode(document)) == XMLFixtures.header + "<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match.</Message><AWSAccessKeyId>AKID</AWSAccessKeyId>"
                + "<StringToSign>AWS4-HMAC-SHA256\n2026</StringToSign><Resource>/b/k</Resource><RequestId>r1</RequestId></Error>"
        )
    }

    @Test func versioningConfigurationOmitsAbsentStatus() throws {
        #expect(
            XMLFixtures.string(try S3XML.encode(VersioningConfiguration()))
                == XMLFixtures.header + "<VersioningConfiguration \(XMLFixtures.s3) />"
        )
        #expect(
            XMLFixtures.string(try S3XML.encode(VersioningConfiguration(status: "Enabled")))
                == XMLFixtures.header + "<VersioningConfiguration \(XMLFixtures.s3)><Status>Enabled</Status></VersioningConfiguration>"
        )
    }

    @Test func encryptionConfigurationTakesTheOBSNamespace() throws {
        let document = ServerSideEncryptionConfiguration(rules: [
            .init(applyServerSideEncryptionByDefault: .init(sseAlgorithm: "kms", kmsMasterKeyId: "obs/default"), bucketKeyEnabled: false)
        ])
        let bytes = try S3XML.encode(document, namespace: S3XML.obsNamespace)
        #expect(
            XMLFixtures.string(bytes) == XMLFixtures.header
                + "<ServerSideEncryptionConfiguration xmlns=\"http://obs.myhwclouds.com/doc/2015-06-30/\"><Rule>"
                + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>kms</SSEAlgorithm><KMSMasterKeyID>obs/default</KMSMasterKeyID>"
                + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>"
        )
        #expect(try S3XML.decode(ServerSideEncryptionConfiguration.self, from: bytes) == document)
        #expect(XMLFixtures.string(try S3XML.encode(document)).contains(XMLFixtures.s3))
    }
}
