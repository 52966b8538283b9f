import Foundation

/// Label files copied from the ModelArts import specifications (`guide/specifications_for_importing_*.rst`).
enum ModelArtsExamples {
    /// "Specifications for Importing Data from an OBS Directory", object detection, ModelArts PASCAL VOC 1.0.
    static let detectionVOC = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <annotation>
            <folder>NA</folder>
            <filename>bike_1_1593531469339.png</filename>
            <source>
                <database>Unknown</database>
            </source>
            <size>
                <width>554</width>
                <height>606</height>
                <depth>3</depth>
            </size>
            <segmented>0</segmented>
            <object>
                <name>Rabbit</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <difficult>0</difficult>
                <occluded>0</occluded>
                <bndbox>
                    <xmin>279</xmin>
                    <ymin>52</ymin>
                    <xmax>474</xmax>
                    <ymax>278</ymax>
                </bndbox>
            </object>
            <object>
                <name>Cat</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <difficult>0</difficult>
                <occluded>0</occluded>
                <bndbox>
                    <xmin>279</xmin>
                    <ymin>198</ymin>
                    <xmax>456</xmax>
                    <ymax>421</ymax>
                </bndbox>
            </object>
        </annotation>
        """

    /// The image segmentation example: a polygon, `mask_color`, `mask_source`.
    static let segmentationVOC = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <annotation>
            <folder>NA</folder>
            <filename>image_0006.jpg</filename>
            <source>
                <database>Unknown</database>
            </source>
            <size>
                <width>230</width>
                <height>300</height>
                <depth>3</depth>
            </size>
            <segmented>1</segmented>
            <mask_source>obs://xianao/out/dataset-8153-Jmf5ylLjRmSacj9KevS/annotation/V001/segmentationClassRaw/image_0006.png</mask_source>
            <object>
                <name>bike</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <difficult>0</difficult>
                <mask_color>193,243,53</mask_color>
                <occluded>0</occluded>
                <polygon>
                    <x1>71</x1>
                    <y1>48</y1>
                    <x2>75</x2>
                    <y2>73</y2>
                    <x3>49</x3>
                    <y3>69</y3>
                    <x4>68</x4>
                    <y4>92</y4>
                    <x5>90</x5>
                    <y5>101</y5>
                    <x6>45</x6>
                    <y6>110</y6>
                    <x7>71</x7>
                    <y7>48</y7>
                </polygon>
            </object>
        </annotation>
        """

    /// "Specifications for Importing a Manifest File", Table 9 example with every shape, verbatim: its `<r>100<r>`
    /// never closes, so the document is not well-formed.
    static let shapesVOCVerbatim = shapesVOC.replacingOccurrences(of: "<r>100</r>", with: "<r>100<r>")

    /// The same example with `<r>100</r>` closed.
    static let shapesVOC = """
        <annotation>
            <folder>test_data</folder>
            <filename>260730932.jpg</filename>
            <size>
                <width>767</width>
                <height>959</height>
                <depth>3</depth>
            </size>
            <segmented>0</segmented>
            <object>
                <name>point</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <occluded>0</occluded>
                <difficult>0</difficult>
                <point>
                    <x1>456</x1>
                    <y1>596</y1>
                </point>
            </object>
            <object>
                <name>line</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <occluded>0</occluded>
                <difficult>0</difficult>
                <line>
                    <x1>133</x1>
                    <y1>651</y1>
                    <x2>229</x2>
                    <y2>561</y2>
                </line>
            </object>
            <object>
                <name>bag</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <occluded>0</occluded>
                <difficult>0</difficult>
                <bndbox>
                    <xmin>108</xmin>
                    <ymin>101</ymin>
                    <xmax>251</xmax>
                    <ymax>238</ymax>
                </bndbox>
            </object>
            <object>
                <name>boots</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <occluded>0</occluded>
                <difficult>0</difficult>
                <hard-coefficient>0.8</hard-coefficient>
                <polygon>
                    <x1>373</x1>
                    <y1>264</y1>
                    <x2>500</x2>
                    <y2>198</y2>
                    <x3>437</x3>
                    <y3>76</y3>
                    <x4>310</x4>
                    <y4>142</y4>
                </polygon>
            </object>
            <object>
                <name>circle</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <occluded>0</occluded>
                <difficult>0</difficult>
                <circle>
                    <cx>405</cx>
                    <cy>170</cy>
                    <r>100</r>
                </circle>
            </object>
        </annotation>
        """

    /// "ModelArts text classification combine 1.0", a tab between the text and the label.
    static let combinedText = """
        It touches good and responds quickly. I don't know how it performs in the future.\tpositive
        Three months ago, I bought a very good phone and replaced my old one with it. It can operate longer between charges.\tpositive
        Why does my phone heat up if I charge it for a while? The volume button stuck after being pressed down.\tnegative
        It's a gift for Father's Day. The delivery is fast and I received it in 24 hours. I like the earphones because the bass sounds \
        feel good and they would not fall off.\tpositive

        """

    /// "ModelArts text classification 1.0": `COMMENTS_20180919_114745.txt`.
    static let pairText = """
        It touches good and responds quickly. I don't know how it performs in the future.
        I bought a phone three months ago and replaced the old phone with it. The standby time of the new phone is much better than \
        that of the old one.
        Why does my phone heat up if I charge it for a while? The volume button stuck after being pressed down.
        It's a gift for Father's Day. The delivery is fast and I received it in 24 hours. I like the earphones because the bass sounds \
        feel good and they would not fall off.

        """

    /// `COMMENTS_20180919_114745_result.txt`.
    static let pairResult = """
        positive
        negative
        negative
        positive

        """

    /// The manifest examples, each object on one line as JSON Lines requires (the guide pretty-prints them).
    static let imageClassificationManifest = """
        {"source":"s3://path/to/image1.jpg","usage":"TRAIN","hard":"true","hard-coefficient":0.8,"id":"0162005993f8065ef47eefb59d1e4970",\
        "annotation": [{"type": "modelarts/image_classification","name": "cat","property": {"color":"white","kind":"Persian cat"},\
        "hard":"true","hard-coefficient":0.8,"annotated-by":"human","creation-time":"2019-01-23 11:30:30"},\
        {"type": "modelarts/image_classification","name":"animal","annotated-by":"modelarts/active-learning","confidence": 0.8,\
        "creation-time":"2019-01-23 11:30:30"}],"inference-loc":"/path/to/inference-output"}
        """

    static let segmentationManifest = """
        {"annotation": [{"annotation-format": "PASCAL VOC","type": "modelarts/image_segmentation",\
        "annotation-loc": "s3://path/to/annotation/image1.xml","creation-time": "2020-12-16 21:36:27","annotated-by": "human"}],\
        "usage": "train","source": "s3://path/to/image1.jpg","id": "16d196c19bf61994d7deccafa435398c","sample-type": 0}
        """

    static let textClassificationManifest = """
        {"source": "content://I like this product ","id":"XGDVGS","annotation": [{"type": "modelarts/text_classification",\
        "name": " positive","annotated-by": "human","creation-time": "2019-01-23 11:30:30"} ]}
        """

    static let namedEntityManifest = """
        {"source":"content://Michael Jordan is the most famous basketball player in the world.","usage":"TRAIN","annotation":[\
        {"type":"modelarts/text_entity","name":"Person","property":{"@modelarts:start_index":0,"@modelarts:end_index":14},\
        "annotated-by":"human","creation-time":"2019-01-23 11:30:30"},{"type":"modelarts/text_entity","name":"Category",\
        "property":{"@modelarts:start_index":34,"@modelarts:end_index":44},"annotated-by":"human","creation-time":"2019-01-23 11:30:30"}]}
        """

    static let objectDetectionManifest = """
        {"source":"s3://path/to/image1.jpg","usage":"TRAIN","hard":"true","hard-coefficient":0.8,"annotation": [\
        {"type":"modelarts/object_detection","annotation-loc": "s3://path/to/annotation1.xml","annotation-format":"PASCAL VOC",\
        "annotated-by":"human","creation-time":"2019-01-23 11:30:30"}]}
        """

    static let soundClassificationManifest = """
        {"source":"s3://path/to/pets.wav","annotation": [{"type": "modelarts/audio_classification","name":"cat",\
        "annotated-by":"human","creation-time":"2019-01-23 11:30:30"}]}
        """

    static let videoManifest = """
        {"annotation": [{"annotation-format": "PASCAL VOC","type": "modelarts/object_detection",\
        "annotation-loc": "s3://path/to/annotation1_t1.473722.xml","creation-time": "2020-10-09 14:08:24","annotated-by": "human"}],\
        "usage": "train","property": {"@modelarts:parent_duration": 8,"@modelarts:parent_source": "s3://path/to/annotation1.mp4",\
        "@modelarts:time_in_video": 1.473722},"source": "s3://input/path/to/annotation1_t1.473722.jpg",\
        "id": "43d88677c1e9a971eeb692a80534b5d5","sample-type": 0}
        """
}
