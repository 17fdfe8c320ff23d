import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace tensorflow. */
export namespace tensorflow {

    /**
     * Properties of an Example.
     * @deprecated Use tensorflow.Example.$Properties instead.
     */
    interface IExample extends tensorflow.Example.$Properties {
    }

    /** Represents an Example. */
    class Example {

        /**
         * Constructs a new Example.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.Example.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Example features. */
        features?: (tensorflow.Features.$Properties|null);

        /**
         * Encodes the specified Example message. Does not implicitly {@link tensorflow.Example.verify|verify} messages.
         * @param message Example message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.Example.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Example message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.Example & tensorflow.Example.$Shape} Example
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.Example & tensorflow.Example.$Shape;

        /**
         * Creates an Example message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Example
         */
        static fromObject(object: { [k: string]: any }): tensorflow.Example;

        /**
         * Creates a plain object from an Example message. Also converts values to other types if specified.
         * @param message Example
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.Example, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Example to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace Example {

        /** Properties of an Example. */
        interface $Properties {

            /** Example features */
            features?: (tensorflow.Features.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Example. */
        type $Shape = {
          features?: tensorflow.Features.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    /**
     * Properties of a SequenceExample.
     * @deprecated Use tensorflow.SequenceExample.$Properties instead.
     */
    interface ISequenceExample extends tensorflow.SequenceExample.$Properties {
    }

    /** Represents a SequenceExample. */
    class SequenceExample {

        /**
         * Constructs a new SequenceExample.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.SequenceExample.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SequenceExample context. */
        context?: (tensorflow.Features.$Properties|null);

        /** SequenceExample featureLists. */
        featureLists?: (tensorflow.FeatureLists.$Properties|null);

        /**
         * Encodes the specified SequenceExample message. Does not implicitly {@link tensorflow.SequenceExample.verify|verify} messages.
         * @param message SequenceExample message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.SequenceExample.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SequenceExample message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.SequenceExample & tensorflow.SequenceExample.$Shape} SequenceExample
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.SequenceExample & tensorflow.SequenceExample.$Shape;

        /**
         * Creates a SequenceExample message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns SequenceExample
         */
        static fromObject(object: { [k: string]: any }): tensorflow.SequenceExample;

        /**
         * Creates a plain object from a SequenceExample message. Also converts values to other types if specified.
         * @param message SequenceExample
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.SequenceExample, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this SequenceExample to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace SequenceExample {

        /** Properties of a SequenceExample. */
        interface $Properties {

            /** SequenceExample context */
            context?: (tensorflow.Features.$Properties|null);

            /** SequenceExample featureLists */
            featureLists?: (tensorflow.FeatureLists.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SequenceExample. */
        type $Shape = {
          context?: tensorflow.Features.$Shape|null;
          featureLists?: tensorflow.FeatureLists.$Shape|null;
          $unknowns?: Uint8Array[];
        };
    }

    /**
     * Properties of a BytesList.
     * @deprecated Use tensorflow.BytesList.$Properties instead.
     */
    interface IBytesList extends tensorflow.BytesList.$Properties {
    }

    /** Represents a BytesList. */
    class BytesList {

        /**
         * Constructs a new BytesList.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.BytesList.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** BytesList value. */
        value: Uint8Array[];

        /**
         * Encodes the specified BytesList message. Does not implicitly {@link tensorflow.BytesList.verify|verify} messages.
         * @param message BytesList message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.BytesList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a BytesList message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.BytesList & tensorflow.BytesList.$Shape} BytesList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.BytesList & tensorflow.BytesList.$Shape;

        /**
         * Creates a BytesList message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns BytesList
         */
        static fromObject(object: { [k: string]: any }): tensorflow.BytesList;

        /**
         * Creates a plain object from a BytesList message. Also converts values to other types if specified.
         * @param message BytesList
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.BytesList, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this BytesList to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace BytesList {

        /** Properties of a BytesList. */
        interface $Properties {

            /** BytesList value */
            value?: (Uint8Array[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a BytesList. */
        type $Shape = tensorflow.BytesList.$Properties;
    }

    /**
     * Properties of a FloatList.
     * @deprecated Use tensorflow.FloatList.$Properties instead.
     */
    interface IFloatList extends tensorflow.FloatList.$Properties {
    }

    /** Represents a FloatList. */
    class FloatList {

        /**
         * Constructs a new FloatList.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.FloatList.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** FloatList value. */
        value: number[];

        /**
         * Encodes the specified FloatList message. Does not implicitly {@link tensorflow.FloatList.verify|verify} messages.
         * @param message FloatList message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.FloatList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a FloatList message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.FloatList & tensorflow.FloatList.$Shape} FloatList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FloatList & tensorflow.FloatList.$Shape;

        /**
         * Creates a FloatList message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns FloatList
         */
        static fromObject(object: { [k: string]: any }): tensorflow.FloatList;

        /**
         * Creates a plain object from a FloatList message. Also converts values to other types if specified.
         * @param message FloatList
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.FloatList, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this FloatList to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace FloatList {

        /** Properties of a FloatList. */
        interface $Properties {

            /** FloatList value */
            value?: (number[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a FloatList. */
        type $Shape = tensorflow.FloatList.$Properties;
    }

    /**
     * Properties of an Int64List.
     * @deprecated Use tensorflow.Int64List.$Properties instead.
     */
    interface IInt64List extends tensorflow.Int64List.$Properties {
    }

    /** Represents an Int64List. */
    class Int64List {

        /**
         * Constructs a new Int64List.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.Int64List.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Int64List value. */
        value: (number|Long)[];

        /**
         * Encodes the specified Int64List message. Does not implicitly {@link tensorflow.Int64List.verify|verify} messages.
         * @param message Int64List message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.Int64List.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Int64List message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.Int64List & tensorflow.Int64List.$Shape} Int64List
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.Int64List & tensorflow.Int64List.$Shape;

        /**
         * Creates an Int64List message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Int64List
         */
        static fromObject(object: { [k: string]: any }): tensorflow.Int64List;

        /**
         * Creates a plain object from an Int64List message. Also converts values to other types if specified.
         * @param message Int64List
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.Int64List, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Int64List to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace Int64List {

        /** Properties of an Int64List. */
        interface $Properties {

            /** Int64List value */
            value?: ((number|Long)[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Int64List. */
        type $Shape = tensorflow.Int64List.$Properties;
    }

    /**
     * Properties of a Feature.
     * @deprecated Use tensorflow.Feature.$Properties instead.
     */
    interface IFeature extends tensorflow.Feature.$Properties {
    }

    /** Represents a Feature. */
    class Feature {

        /**
         * Constructs a new Feature.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.Feature.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Feature bytesList. */
        bytesList?: (tensorflow.BytesList.$Properties|null);

        /** Feature floatList. */
        floatList?: (tensorflow.FloatList.$Properties|null);

        /** Feature int64List. */
        int64List?: (tensorflow.Int64List.$Properties|null);

        /** Feature kind. */
        kind?: ("bytesList"|"floatList"|"int64List");

        /**
         * Encodes the specified Feature message. Does not implicitly {@link tensorflow.Feature.verify|verify} messages.
         * @param message Feature message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.Feature.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Feature message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.Feature & tensorflow.Feature.$Shape} Feature
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.Feature & tensorflow.Feature.$Shape;

        /**
         * Creates a Feature message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Feature
         */
        static fromObject(object: { [k: string]: any }): tensorflow.Feature;

        /**
         * Creates a plain object from a Feature message. Also converts values to other types if specified.
         * @param message Feature
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.Feature, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Feature to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace Feature {

        /** Properties of a Feature. */
        interface $Properties {

            /** Feature bytesList */
            bytesList?: (tensorflow.BytesList.$Properties|null);

            /** Feature floatList */
            floatList?: (tensorflow.FloatList.$Properties|null);

            /** Feature int64List */
            int64List?: (tensorflow.Int64List.$Properties|null);

            /** Feature kind */
            kind?: ("bytesList"|"floatList"|"int64List");

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Narrowed shape of a Feature. */
        type $Shape = {
          bytesList?: tensorflow.BytesList.$Shape|null;
          floatList?: tensorflow.FloatList.$Shape|null;
          int64List?: tensorflow.Int64List.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ kind?: undefined; bytesList?: null; floatList?: null; int64List?: null }|{ kind?: "bytesList"; bytesList: tensorflow.BytesList.$Shape; floatList?: null; int64List?: null }|{ kind?: "floatList"; bytesList?: null; floatList: tensorflow.FloatList.$Shape; int64List?: null }|{ kind?: "int64List"; bytesList?: null; floatList?: null; int64List: tensorflow.Int64List.$Shape })
        );
    }

    /**
     * Properties of a Features.
     * @deprecated Use tensorflow.Features.$Properties instead.
     */
    interface IFeatures extends tensorflow.Features.$Properties {
    }

    /** Represents a Features. */
    class Features {

        /**
         * Constructs a new Features.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.Features.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Features feature. */
        feature: { [k: string]: tensorflow.Feature.$Properties };

        /**
         * Encodes the specified Features message. Does not implicitly {@link tensorflow.Features.verify|verify} messages.
         * @param message Features message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.Features.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Features message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.Features & tensorflow.Features.$Shape} Features
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.Features & tensorflow.Features.$Shape;

        /**
         * Creates a Features message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Features
         */
        static fromObject(object: { [k: string]: any }): tensorflow.Features;

        /**
         * Creates a plain object from a Features message. Also converts values to other types if specified.
         * @param message Features
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.Features, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Features to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace Features {

        /** Properties of a Features. */
        interface $Properties {

            /** Features feature */
            feature?: ({ [k: string]: tensorflow.Feature.$Properties }|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Features. */
        type $Shape = {
          feature?: { [k: string]: tensorflow.Feature.$Shape }|null;
          $unknowns?: Uint8Array[];
        };
    }

    /**
     * Properties of a FeatureList.
     * @deprecated Use tensorflow.FeatureList.$Properties instead.
     */
    interface IFeatureList extends tensorflow.FeatureList.$Properties {
    }

    /** Represents a FeatureList. */
    class FeatureList {

        /**
         * Constructs a new FeatureList.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.FeatureList.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** FeatureList feature. */
        feature: tensorflow.Feature.$Properties[];

        /**
         * Encodes the specified FeatureList message. Does not implicitly {@link tensorflow.FeatureList.verify|verify} messages.
         * @param message FeatureList message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.FeatureList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a FeatureList message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.FeatureList & tensorflow.FeatureList.$Shape} FeatureList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FeatureList & tensorflow.FeatureList.$Shape;

        /**
         * Creates a FeatureList message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns FeatureList
         */
        static fromObject(object: { [k: string]: any }): tensorflow.FeatureList;

        /**
         * Creates a plain object from a FeatureList message. Also converts values to other types if specified.
         * @param message FeatureList
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.FeatureList, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this FeatureList to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace FeatureList {

        /** Properties of a FeatureList. */
        interface $Properties {

            /** FeatureList feature */
            feature?: (tensorflow.Feature.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a FeatureList. */
        type $Shape = {
          feature?: tensorflow.Feature.$Shape[]|null;
          $unknowns?: Uint8Array[];
        };
    }

    /**
     * Properties of a FeatureLists.
     * @deprecated Use tensorflow.FeatureLists.$Properties instead.
     */
    interface IFeatureLists extends tensorflow.FeatureLists.$Properties {
    }

    /** Represents a FeatureLists. */
    class FeatureLists {

        /**
         * Constructs a new FeatureLists.
         * @param [properties] Properties to set
         */
        constructor(properties?: tensorflow.FeatureLists.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** FeatureLists featureList. */
        featureList: { [k: string]: tensorflow.FeatureList.$Properties };

        /**
         * Encodes the specified FeatureLists message. Does not implicitly {@link tensorflow.FeatureLists.verify|verify} messages.
         * @param message FeatureLists message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: tensorflow.FeatureLists.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a FeatureLists message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {tensorflow.FeatureLists & tensorflow.FeatureLists.$Shape} FeatureLists
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.FeatureLists & tensorflow.FeatureLists.$Shape;

        /**
         * Creates a FeatureLists message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns FeatureLists
         */
        static fromObject(object: { [k: string]: any }): tensorflow.FeatureLists;

        /**
         * Creates a plain object from a FeatureLists message. Also converts values to other types if specified.
         * @param message FeatureLists
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: tensorflow.FeatureLists, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this FeatureLists to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };
    }

    namespace FeatureLists {

        /** Properties of a FeatureLists. */
        interface $Properties {

            /** FeatureLists featureList */
            featureList?: ({ [k: string]: tensorflow.FeatureList.$Properties }|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a FeatureLists. */
        type $Shape = {
          featureList?: { [k: string]: tensorflow.FeatureList.$Shape }|null;
          $unknowns?: Uint8Array[];
        };
    }
}
