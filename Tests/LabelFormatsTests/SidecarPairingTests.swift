import Foundation
import LabelFormats
import Testing

struct SidecarPairingTests {
    private func pair(_ keys: [String], prefix: String = "data/", kind: DatasetKind) -> PairingResult {
        SidecarPairing.pair(keys: keys, prefix: prefix, kind: kind)
    }

    // MARK: Image classification

    @Test func imageClassificationExampleWithSidecars() {
        let keys = [
            "data/import-dir-1/10.jpg", "data/import-dir-1/10.txt", "data/import-dir-1/11.jpg", "data/import-dir-1/11.txt",
            "data/import-dir-2/1.jpg", "data/import-dir-2/1.txt",
        ]
        let result = self.pair(keys, kind: .imageClassification)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/import-dir-1/10.jpg", sidecarKey: "data/import-dir-1/10.txt"),
                PairedSample(rawKey: "data/import-dir-1/11.jpg", sidecarKey: "data/import-dir-1/11.txt"),
                PairedSample(rawKey: "data/import-dir-2/1.jpg", sidecarKey: "data/import-dir-2/1.txt"),
            ]
        )
        #expect(result.ignored.isEmpty)
    }

    @Test func imageClassificationExampleByFolder() {
        let keys = ["data/Rabbit/10.jpg", "data/Rabbit/11.JPG", "data/Panda/1.png", "data/Panda/2.bmp", "data/Panda/3.gif", "data/4.jpeg"]
        let result = self.pair(keys, kind: .imageClassification)
        #expect(result.samples.map(\.folderLabel) == ["Rabbit", "Rabbit", "Panda", "Panda", "Panda", nil])
        #expect(result.samples.allSatisfy { $0.sidecarKey == nil })
    }

    @Test func sidecarWinsOverTheFolderAndOnlyInTheSameFolder() {
        let keys = ["data/a/10.jpg", "data/a/10.txt", "data/a/b/10.jpg", "data/a/b/11.jpg", "data/a/11.txt"]
        let result = self.pair(keys, kind: .imageClassification)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/a/10.jpg", sidecarKey: "data/a/10.txt"),
                PairedSample(rawKey: "data/a/b/10.jpg", folderLabel: "b"),
                PairedSample(rawKey: "data/a/b/11.jpg", folderLabel: "b"),
            ]
        )
        #expect(result.ignored == [IgnoredKey(key: "data/a/11.txt", reason: .sidecarWithoutRawFile)])
    }

    @Test func prefixIsAFolderNotAStringPrefix() {
        let keys = ["a/1.jpg", "ab/2.jpg", "a/b/3.jpg", "a/", "a/b/", "b/4.jpg"]
        for prefix in ["a", "a/"] {
            let result = self.pair(keys, prefix: prefix, kind: .imageClassification)
            #expect(result.samples == [PairedSample(rawKey: "a/1.jpg"), PairedSample(rawKey: "a/b/3.jpg", folderLabel: "b")])
            #expect(
                result.ignored == [
                    IgnoredKey(key: "ab/2.jpg", reason: .outsidePrefix), IgnoredKey(key: "a/", reason: .folder),
                    IgnoredKey(key: "a/b/", reason: .folder), IgnoredKey(key: "b/4.jpg", reason: .outsidePrefix),
                ]
            )
        }
    }

    @Test func bucketRootPrefix() {
        let result = self.pair(["Cat/1.jpg", "2.jpg", "Cat/2.txt"], prefix: "", kind: .imageClassification)
        #expect(result.samples == [PairedSample(rawKey: "Cat/1.jpg", folderLabel: "Cat"), PairedSample(rawKey: "2.jpg")])
    }

    @Test func otherFilesAreIgnoredWithAReason() {
        let keys = ["data/notes.pdf", "data/.DS_Store", "data/README", "data/1.jpg", "data/1.xml", "data/.jpg"]
        let result = self.pair(keys, kind: .imageClassification)
        #expect(result.samples.map(\.rawKey) == ["data/1.jpg"])
        #expect(result.ignored.map(\.key) == ["data/notes.pdf", "data/.DS_Store", "data/README", "data/1.xml", "data/.jpg"])
        #expect(result.ignored.allSatisfy { $0.reason == .notARawFile })
    }

    @Test func sidecarExtensionCaseAndDuplicates() {
        let result = self.pair(["data/1.jpg", "data/1.TXT", "data/1.txt", "data/2.png", "data/2.TXT"], kind: .imageClassification)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/1.jpg", sidecarKey: "data/1.txt"), PairedSample(rawKey: "data/2.png", sidecarKey: "data/2.TXT"),
            ])
        #expect(result.ignored == [IgnoredKey(key: "data/1.TXT", reason: .duplicateSidecar)])
    }

    @Test func twoImagesShareOneSidecar() {
        let result = self.pair(["data/1.jpg", "data/1.png", "data/1.txt"], kind: .imageClassification)
        #expect(result.samples.map(\.sidecarKey) == ["data/1.txt", "data/1.txt"])
    }

    @Test func spacesUnicodeAndDots() {
        let keys = ["data/my cats/IMG 1.v2.jpg", "data/my cats/IMG 1.v2.txt", "data/猫/🐈.jpg", "data/猫/🐈.txt", "data/chats/é.jpg"]
        let result = self.pair(keys, kind: .imageClassification)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/my cats/IMG 1.v2.jpg", sidecarKey: "data/my cats/IMG 1.v2.txt"),
                PairedSample(rawKey: "data/猫/🐈.jpg", sidecarKey: "data/猫/🐈.txt"),
                PairedSample(rawKey: "data/chats/é.jpg", folderLabel: "chats"),
            ]
        )
    }

    /// S3 keys are bytes: an NFD `é` is not the NFC `é`, although Swift strings call them equal.
    @Test func keysCompareByteForByte() {
        let nfc = "caf\u{E9}"
        let nfd = "cafe\u{301}"
        let result = self.pair(
            ["\(nfc)/1.jpg", "\(nfc)/1.txt", "\(nfc)/2.jpg", "\(nfc)/2\u{301}.txt", "\(nfd)/3.jpg"], prefix: nfc, kind: .imageClassification)
        #expect(result.samples.map(\.rawKey) == ["\(nfc)/1.jpg", "\(nfc)/2.jpg"])
        #expect(result.samples.map(\.sidecarKey) == ["\(nfc)/1.txt", nil])
        #expect(result.ignored.map(\.reason) == [.sidecarWithoutRawFile, .outsidePrefix])
    }

    @Test func normalizationTwinsOfASidecarStayApart() {
        let result = self.pair(["data/\u{E9}.jpg", "data/e\u{301}.txt", "data/\u{E9}.txt"], kind: .imageClassification)
        #expect(result.samples == [PairedSample(rawKey: "data/\u{E9}.jpg", sidecarKey: "data/\u{E9}.txt")])
        #expect(result.ignored == [IgnoredKey(key: "data/e\u{301}.txt", reason: .sidecarWithoutRawFile)])
        #expect(result.ignored.first?.key.utf8.count == "data/e\u{301}.txt".utf8.count)
    }

    // MARK: Object detection

    @Test func objectDetectionExample() {
        let keys = [
            "data/IMG_20180919_114732.jpg", "data/IMG_20180919_114732.xml", "data/IMG_20180919_114745.jpg",
            "data/IMG_20180919_114745.xml", "data/IMG_20180919_114945.jpg", "data/sub/IMG_1.jpg", "data/IMG_1.xml",
            "data/labels.txt",
        ]
        let result = self.pair(keys, kind: .objectDetection)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/IMG_20180919_114732.jpg", sidecarKey: "data/IMG_20180919_114732.xml"),
                PairedSample(rawKey: "data/IMG_20180919_114745.jpg", sidecarKey: "data/IMG_20180919_114745.xml"),
                PairedSample(rawKey: "data/IMG_20180919_114945.jpg"),
                PairedSample(rawKey: "data/sub/IMG_1.jpg"),
            ]
        )
        #expect(
            result.ignored == [
                IgnoredKey(key: "data/IMG_1.xml", reason: .sidecarWithoutRawFile), IgnoredKey(key: "data/labels.txt", reason: .notARawFile),
            ]
        )
    }

    // MARK: Text classification

    @Test func textClassificationExample() {
        let keys = [
            "data/COMMENTS_20180919_114732.txt", "data/COMMENTS_20180919_114732_result.txt", "data/COMMENTS_20180919_114745.txt",
            "data/COMMENTS_20180919_114745_result.txt", "data/combined.txt", "data/table.csv", "data/table_result.csv",
            "data/orphan_result.txt", "data/_result.txt", "data/result.txt",
        ]
        let result = self.pair(keys, kind: .textClassification)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/COMMENTS_20180919_114732.txt", sidecarKey: "data/COMMENTS_20180919_114732_result.txt"),
                PairedSample(rawKey: "data/COMMENTS_20180919_114745.txt", sidecarKey: "data/COMMENTS_20180919_114745_result.txt"),
                PairedSample(rawKey: "data/combined.txt"),
                PairedSample(rawKey: "data/table.csv", sidecarKey: "data/table_result.csv"),
                PairedSample(rawKey: "data/result.txt"),
            ]
        )
        #expect(result.ignored.map(\.key) == ["data/orphan_result.txt", "data/_result.txt"])
        #expect(result.ignored.allSatisfy { $0.reason == .sidecarWithoutRawFile })
    }

    @Test func resultFileIsNeverASampleEvenWhenItsPartnerIsMissing() {
        let result = self.pair(["data/X_result.txt", "data/X_result_result.txt"], kind: .textClassification)
        #expect(result.samples.isEmpty)
        #expect(result.ignored.count == 2)
    }

    @Test func csvFallsBackToATxtResult() {
        let result = self.pair(["data/t.csv", "data/t_result.txt"], kind: .textClassification)
        #expect(result.samples == [PairedSample(rawKey: "data/t.csv", sidecarKey: "data/t_result.txt")])
    }

    // MARK: Sound classification

    @Test func soundClassificationExample() {
        let keys = ["data/Rabbit/10.wav", "data/Rabbit/11.WAV", "data/Panda/1.mp3", "data/Panda/1.txt", "data/loose.wav"]
        let result = self.pair(keys, kind: .soundClassification)
        #expect(
            result.samples == [
                PairedSample(rawKey: "data/Rabbit/10.wav", folderLabel: "Rabbit"),
                PairedSample(rawKey: "data/Rabbit/11.WAV", folderLabel: "Rabbit"),
                PairedSample(rawKey: "data/Panda/1.mp3", folderLabel: "Panda"),
                PairedSample(rawKey: "data/loose.wav"),
            ]
        )
        #expect(result.ignored == [IgnoredKey(key: "data/Panda/1.txt", reason: .notARawFile)])
    }

    // MARK: Scale

    /// Every one of 20,000 raw files in 50 folders finds its sidecar (speed is measured by Scripts/bench.sh, not here).
    @Test(arguments: DatasetKind.allCases)
    func twentyThousandImagesWithSidecars(_ kind: DatasetKind) {
        var keys: [String] = []
        for index in 0..<20_000 {
            let folder = "bucket-prefix/folder \(index % 50)/"
            switch kind {
            case .imageClassification: keys += [folder + "IMG_\(index).jpg", folder + "IMG_\(index).txt"]
            case .objectDetection: keys += [folder + "IMG_\(index).jpg", folder + "IMG_\(index).xml"]
            case .textClassification: keys += [folder + "C_\(index).txt", folder + "C_\(index)_result.txt"]
            case .soundClassification: keys += [folder + "S_\(index).wav", folder + "S_\(index).txt"]
            }
        }
        keys.sort()
        let result = SidecarPairing.pair(keys: keys, prefix: "bucket-prefix", kind: kind)
        #expect(result.samples.count == 20_000)
        if kind == .soundClassification {
            // Sound is labeled by its folder; a .txt beside a .wav is not a label file.
            #expect(result.samples.allSatisfy { $0.folderLabel?.hasPrefix("folder ") == true })
            #expect(result.ignored.count == 20_000)
        } else {
            #expect(result.ignored.isEmpty)
            #expect(result.samples.allSatisfy { $0.sidecarKey != nil })
        }
    }
}
