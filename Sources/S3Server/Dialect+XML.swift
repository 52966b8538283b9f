import S3RequestXML

/// XML bodies in the dialect of the request: the OBS namespace, and OBS's `kms` for S3's `aws:kms`.
extension Dialect {
    /// The namespace a response document is sent with: OBS's wherever S3 would send its own.
    func namespace<Document: S3XMLDocument>(of type: Document.Type) -> String? {
        guard self == .obs, Document.namespace == S3XML.s3Namespace else { return Document.namespace }
        return S3XML.obsNamespace
    }

    /// A request document as handlers expect it, with S3's values.
    func incoming<Document>(_ document: Document) -> Document {
        guard self == .obs, let configuration = document as? ServerSideEncryptionConfiguration else { return document }
        return configuration.mappingAlgorithms(Self.s3Algorithm) as? Document ?? document
    }

    /// A response document with this dialect's values.
    func outgoing<Document>(_ document: Document) -> Document {
        guard self == .obs, let configuration = document as? ServerSideEncryptionConfiguration else { return document }
        return configuration.mappingAlgorithms(Self.obsAlgorithm) as? Document ?? document
    }
}

extension ServerSideEncryptionConfiguration {
    func mappingAlgorithms(_ transform: (String) -> String) -> ServerSideEncryptionConfiguration {
        var copy = self
        for index in copy.rules.indices {
            copy.rules[index].applyServerSideEncryptionByDefault.sseAlgorithm = transform(
                copy.rules[index].applyServerSideEncryptionByDefault.sseAlgorithm
            )
        }
        return copy
    }
}
