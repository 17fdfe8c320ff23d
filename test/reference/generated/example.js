/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Array = $util.global.Array, $String = $util.global.String, $Number = $util.global.Number, $isFinite = $util.global.isFinite, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tensorflow = $root.tensorflow = (() => {

    /**
     * Namespace tensorflow.
     * @exports tensorflow
     * @namespace
     */
    const tensorflow = {};

    tensorflow.Example = (function() {

        /**
         * Properties of an Example.
         * @typedef {Object} tensorflow.Example.$Properties
         * @property {tensorflow.Features.$Properties|null} [features] Example features
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Example.
         * @memberof tensorflow
         * @interface IExample
         * @augments tensorflow.Example.$Properties
         * @deprecated Use tensorflow.Example.$Properties instead.
         */

        /**
         * Shape of an Example.
         * @typedef {{
         *   features?: tensorflow.Features.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} tensorflow.Example.$Shape
         */

        /**
         * Constructs a new Example.
         * @memberof tensorflow
         * @classdesc Represents an Example.
         * @constructor
         * @param {tensorflow.Example.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Example = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Example features.
         * @member {tensorflow.Features.$Properties|null|undefined} features
         * @memberof tensorflow.Example
         * @instance
         */
        Example.prototype.features = null;

        /**
         * Encodes the specified Example message. Does not implicitly {@link tensorflow.Example.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.Example
         * @static
         * @param {tensorflow.Example.$Properties} message Example message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Example.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.features != null && $Object.hasOwnProperty.call(message, "features"))
                $root.tensorflow.Features.encode(message.features, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Example message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.Example
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.Example & tensorflow.Example.$Shape} Example
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Example.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.Example();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.features = $root.tensorflow.Features.decode(reader, reader.size(), $undefined, _depth + 1, message.features);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Example message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.Example
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.Example} Example
         */
        Example.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.Example)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.Example: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.Example();
            if (object.features != null) {
                if (!$util.isObject(object.features))
                    throw $TypeError(".tensorflow.Example.features: object expected");
                message.features = $root.tensorflow.Features.fromObject(object.features, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from an Example message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.Example
         * @static
         * @param {tensorflow.Example} message Example
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Example.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults)
                object.features = null;
            if (message.features != null && $Object.hasOwnProperty.call(message, "features"))
                object.features = $root.tensorflow.Features.toObject(message.features, options, _depth + 1);
            return object;
        };

        /**
         * Converts this Example to JSON.
         * @function toJSON
         * @memberof tensorflow.Example
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Example.prototype.toJSON = function() {
            return Example.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Example;
    })();

    tensorflow.SequenceExample = (function() {

        /**
         * Properties of a SequenceExample.
         * @typedef {Object} tensorflow.SequenceExample.$Properties
         * @property {tensorflow.Features.$Properties|null} [context] SequenceExample context
         * @property {tensorflow.FeatureLists.$Properties|null} [featureLists] SequenceExample featureLists
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SequenceExample.
         * @memberof tensorflow
         * @interface ISequenceExample
         * @augments tensorflow.SequenceExample.$Properties
         * @deprecated Use tensorflow.SequenceExample.$Properties instead.
         */

        /**
         * Shape of a SequenceExample.
         * @typedef {{
         *   context?: tensorflow.Features.$Shape|null;
         *   featureLists?: tensorflow.FeatureLists.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} tensorflow.SequenceExample.$Shape
         */

        /**
         * Constructs a new SequenceExample.
         * @memberof tensorflow
         * @classdesc Represents a SequenceExample.
         * @constructor
         * @param {tensorflow.SequenceExample.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SequenceExample = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SequenceExample context.
         * @member {tensorflow.Features.$Properties|null|undefined} context
         * @memberof tensorflow.SequenceExample
         * @instance
         */
        SequenceExample.prototype.context = null;

        /**
         * SequenceExample featureLists.
         * @member {tensorflow.FeatureLists.$Properties|null|undefined} featureLists
         * @memberof tensorflow.SequenceExample
         * @instance
         */
        SequenceExample.prototype.featureLists = null;

        /**
         * Encodes the specified SequenceExample message. Does not implicitly {@link tensorflow.SequenceExample.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.SequenceExample
         * @static
         * @param {tensorflow.SequenceExample.$Properties} message SequenceExample message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SequenceExample.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                $root.tensorflow.Features.encode(message.context, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.featureLists != null && $Object.hasOwnProperty.call(message, "featureLists"))
                $root.tensorflow.FeatureLists.encode(message.featureLists, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SequenceExample message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.SequenceExample
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.SequenceExample & tensorflow.SequenceExample.$Shape} SequenceExample
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SequenceExample.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.SequenceExample();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.context = $root.tensorflow.Features.decode(reader, reader.size(), $undefined, _depth + 1, message.context);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.featureLists = $root.tensorflow.FeatureLists.decode(reader, reader.size(), $undefined, _depth + 1, message.featureLists);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a SequenceExample message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.SequenceExample
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.SequenceExample} SequenceExample
         */
        SequenceExample.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.SequenceExample)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.SequenceExample: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.SequenceExample();
            if (object.context != null) {
                if (!$util.isObject(object.context))
                    throw $TypeError(".tensorflow.SequenceExample.context: object expected");
                message.context = $root.tensorflow.Features.fromObject(object.context, _depth + 1);
            }
            if (object.featureLists != null) {
                if (!$util.isObject(object.featureLists))
                    throw $TypeError(".tensorflow.SequenceExample.featureLists: object expected");
                message.featureLists = $root.tensorflow.FeatureLists.fromObject(object.featureLists, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a SequenceExample message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.SequenceExample
         * @static
         * @param {tensorflow.SequenceExample} message SequenceExample
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        SequenceExample.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.context = null;
                object.featureLists = null;
            }
            if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                object.context = $root.tensorflow.Features.toObject(message.context, options, _depth + 1);
            if (message.featureLists != null && $Object.hasOwnProperty.call(message, "featureLists"))
                object.featureLists = $root.tensorflow.FeatureLists.toObject(message.featureLists, options, _depth + 1);
            return object;
        };

        /**
         * Converts this SequenceExample to JSON.
         * @function toJSON
         * @memberof tensorflow.SequenceExample
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        SequenceExample.prototype.toJSON = function() {
            return SequenceExample.toObject(this, $protobuf.util.toJSONOptions);
        };

        return SequenceExample;
    })();

    tensorflow.BytesList = (function() {

        /**
         * Properties of a BytesList.
         * @typedef {Object} tensorflow.BytesList.$Properties
         * @property {Array.<Uint8Array>|null} [value] BytesList value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a BytesList.
         * @memberof tensorflow
         * @interface IBytesList
         * @augments tensorflow.BytesList.$Properties
         * @deprecated Use tensorflow.BytesList.$Properties instead.
         */

        /**
         * Shape of a BytesList.
         * @typedef {tensorflow.BytesList.$Properties} tensorflow.BytesList.$Shape
         */

        /**
         * Constructs a new BytesList.
         * @memberof tensorflow
         * @classdesc Represents a BytesList.
         * @constructor
         * @param {tensorflow.BytesList.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const BytesList = function (properties) {
            this.value = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * BytesList value.
         * @member {Array.<Uint8Array>} value
         * @memberof tensorflow.BytesList
         * @instance
         */
        BytesList.prototype.value = $util.emptyArray;

        /**
         * Encodes the specified BytesList message. Does not implicitly {@link tensorflow.BytesList.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.BytesList
         * @static
         * @param {tensorflow.BytesList.$Properties} message BytesList message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        BytesList.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.value != null && message.value.length)
                for (let i = 0; i < message.value.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.value[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a BytesList message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.BytesList
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.BytesList & tensorflow.BytesList.$Shape} BytesList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        BytesList.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.BytesList();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.value && message.value.length))
                            message.value = [];
                        message.value.push(reader.bytes());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a BytesList message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.BytesList
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.BytesList} BytesList
         */
        BytesList.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.BytesList)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.BytesList: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.BytesList();
            if (object.value) {
                if (!$Array.isArray(object.value))
                    throw $TypeError(".tensorflow.BytesList.value: array expected");
                message.value = $Array(object.value.length);
                for (let i = 0; i < object.value.length; ++i)
                    if (typeof object.value[i] === "string")
                        $util.base64.decode(object.value[i], message.value[i] = $util.newBuffer($util.base64.length(object.value[i])), 0);
                    else if (object.value[i].length >= 0)
                        message.value[i] = object.value[i];
            }
            return message;
        };

        /**
         * Creates a plain object from a BytesList message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.BytesList
         * @static
         * @param {tensorflow.BytesList} message BytesList
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        BytesList.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.value = [];
            if (message.value && message.value.length) {
                object.value = $Array(message.value.length);
                for (let j = 0; j < message.value.length; ++j)
                    object.value[j] = options.bytes === $String ? $util.base64.encode(message.value[j], 0, message.value[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.value[j]) : message.value[j];
            }
            return object;
        };

        /**
         * Converts this BytesList to JSON.
         * @function toJSON
         * @memberof tensorflow.BytesList
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        BytesList.prototype.toJSON = function() {
            return BytesList.toObject(this, $protobuf.util.toJSONOptions);
        };

        return BytesList;
    })();

    tensorflow.FloatList = (function() {

        /**
         * Properties of a FloatList.
         * @typedef {Object} tensorflow.FloatList.$Properties
         * @property {Array.<number>|null} [value] FloatList value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FloatList.
         * @memberof tensorflow
         * @interface IFloatList
         * @augments tensorflow.FloatList.$Properties
         * @deprecated Use tensorflow.FloatList.$Properties instead.
         */

        /**
         * Shape of a FloatList.
         * @typedef {tensorflow.FloatList.$Properties} tensorflow.FloatList.$Shape
         */

        /**
         * Constructs a new FloatList.
         * @memberof tensorflow
         * @classdesc Represents a FloatList.
         * @constructor
         * @param {tensorflow.FloatList.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FloatList = function (properties) {
            this.value = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FloatList value.
         * @member {Array.<number>} value
         * @memberof tensorflow.FloatList
         * @instance
         */
        FloatList.prototype.value = $util.emptyArray;

        /**
         * Encodes the specified FloatList message. Does not implicitly {@link tensorflow.FloatList.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.FloatList
         * @static
         * @param {tensorflow.FloatList.$Properties} message FloatList message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FloatList.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.value != null && message.value.length)
                writer.uint32(/* id 1, wireType 2 =*/10).floats(message.value);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FloatList message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.FloatList
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.FloatList & tensorflow.FloatList.$Shape} FloatList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FloatList.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.FloatList();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.value && message.value.length))
                                message.value = [];
                            reader.floats(message.value);
                            continue;
                        }
                        if (wireType !== 5)
                            break;
                        if (!(message.value && message.value.length))
                            message.value = [];
                        message.value.push(reader.float());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a FloatList message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.FloatList
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.FloatList} FloatList
         */
        FloatList.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.FloatList)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.FloatList: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.FloatList();
            if (object.value) {
                if (!$Array.isArray(object.value))
                    throw $TypeError(".tensorflow.FloatList.value: array expected");
                message.value = $Array(object.value.length);
                for (let i = 0; i < object.value.length; ++i)
                    message.value[i] = $Number(object.value[i]);
            }
            return message;
        };

        /**
         * Creates a plain object from a FloatList message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.FloatList
         * @static
         * @param {tensorflow.FloatList} message FloatList
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        FloatList.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.value = [];
            if (message.value && message.value.length) {
                object.value = $Array(message.value.length);
                for (let j = 0; j < message.value.length; ++j)
                    object.value[j] = options.json && !$isFinite(message.value[j]) ? $String(message.value[j]) : message.value[j];
            }
            return object;
        };

        /**
         * Converts this FloatList to JSON.
         * @function toJSON
         * @memberof tensorflow.FloatList
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        FloatList.prototype.toJSON = function() {
            return FloatList.toObject(this, $protobuf.util.toJSONOptions);
        };

        return FloatList;
    })();

    tensorflow.Int64List = (function() {

        /**
         * Properties of an Int64List.
         * @typedef {Object} tensorflow.Int64List.$Properties
         * @property {Array.<number|Long>|null} [value] Int64List value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Int64List.
         * @memberof tensorflow
         * @interface IInt64List
         * @augments tensorflow.Int64List.$Properties
         * @deprecated Use tensorflow.Int64List.$Properties instead.
         */

        /**
         * Shape of an Int64List.
         * @typedef {tensorflow.Int64List.$Properties} tensorflow.Int64List.$Shape
         */

        /**
         * Constructs a new Int64List.
         * @memberof tensorflow
         * @classdesc Represents an Int64List.
         * @constructor
         * @param {tensorflow.Int64List.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Int64List = function (properties) {
            this.value = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Int64List value.
         * @member {Array.<number|Long>} value
         * @memberof tensorflow.Int64List
         * @instance
         */
        Int64List.prototype.value = $util.emptyArray;

        /**
         * Encodes the specified Int64List message. Does not implicitly {@link tensorflow.Int64List.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.Int64List
         * @static
         * @param {tensorflow.Int64List.$Properties} message Int64List message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Int64List.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.value != null && message.value.length)
                writer.uint32(/* id 1, wireType 2 =*/10).int64s(message.value);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Int64List message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.Int64List
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.Int64List & tensorflow.Int64List.$Shape} Int64List
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Int64List.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.Int64List();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.value && message.value.length))
                                message.value = [];
                            reader.int64s(message.value);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.value && message.value.length))
                            message.value = [];
                        message.value.push(reader.int64());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Int64List message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.Int64List
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.Int64List} Int64List
         */
        Int64List.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.Int64List)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.Int64List: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.Int64List();
            if (object.value) {
                if (!$Array.isArray(object.value))
                    throw $TypeError(".tensorflow.Int64List.value: array expected");
                message.value = $Array(object.value.length);
                for (let i = 0; i < object.value.length; ++i)
                    if ($util.Long)
                        message.value[i] = $util.Long.fromValue(object.value[i], false);
                    else if (typeof object.value[i] === "string")
                        message.value[i] = $parseInt(object.value[i], 10);
                    else if (typeof object.value[i] === "number")
                        message.value[i] = object.value[i];
                    else if (typeof object.value[i] === "object")
                        message.value[i] = new $util.LongBits(object.value[i].low >>> 0, object.value[i].high >>> 0).toNumber();
            }
            return message;
        };

        /**
         * Creates a plain object from an Int64List message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.Int64List
         * @static
         * @param {tensorflow.Int64List} message Int64List
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Int64List.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.value = [];
            if (message.value && message.value.length) {
                object.value = $Array(message.value.length);
                for (let j = 0; j < message.value.length; ++j)
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.value[j] = typeof message.value[j] === "number" ? $BigInt(message.value[j]) : $util.Long.fromBits(message.value[j].low >>> 0, message.value[j].high >>> 0, false).toBigInt();
                    else if (typeof message.value[j] === "number")
                        object.value[j] = options.longs === $String ? $String(message.value[j]) : message.value[j];
                    else
                        object.value[j] = options.longs === $String ? $util.Long.prototype.toString.call(message.value[j]) : options.longs === $Number ? new $util.LongBits(message.value[j].low >>> 0, message.value[j].high >>> 0).toNumber() : message.value[j];
            }
            return object;
        };

        /**
         * Converts this Int64List to JSON.
         * @function toJSON
         * @memberof tensorflow.Int64List
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Int64List.prototype.toJSON = function() {
            return Int64List.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Int64List;
    })();

    tensorflow.Feature = (function() {

        /**
         * Properties of a Feature.
         * @typedef {Object} tensorflow.Feature.$Properties
         * @property {tensorflow.BytesList.$Properties|null} [bytesList] Feature bytesList
         * @property {tensorflow.FloatList.$Properties|null} [floatList] Feature floatList
         * @property {tensorflow.Int64List.$Properties|null} [int64List] Feature int64List
         * @property {"bytesList"|"floatList"|"int64List"} [kind] Feature kind
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Feature.
         * @memberof tensorflow
         * @interface IFeature
         * @augments tensorflow.Feature.$Properties
         * @deprecated Use tensorflow.Feature.$Properties instead.
         */

        /**
         * Narrowed shape of a Feature.
         * @typedef {{
         *   bytesList?: tensorflow.BytesList.$Shape|null;
         *   floatList?: tensorflow.FloatList.$Shape|null;
         *   int64List?: tensorflow.Int64List.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * } & (
         *   ({ kind?: undefined; bytesList?: null; floatList?: null; int64List?: null }|{ kind?: "bytesList"; bytesList: tensorflow.BytesList.$Shape; floatList?: null; int64List?: null }|{ kind?: "floatList"; bytesList?: null; floatList: tensorflow.FloatList.$Shape; int64List?: null }|{ kind?: "int64List"; bytesList?: null; floatList?: null; int64List: tensorflow.Int64List.$Shape })
         * )} tensorflow.Feature.$Shape
         */

        /**
         * Constructs a new Feature.
         * @memberof tensorflow
         * @classdesc Represents a Feature.
         * @constructor
         * @param {tensorflow.Feature.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Feature = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Feature bytesList.
         * @member {tensorflow.BytesList.$Properties|null|undefined} bytesList
         * @memberof tensorflow.Feature
         * @instance
         */
        Feature.prototype.bytesList = null;

        /**
         * Feature floatList.
         * @member {tensorflow.FloatList.$Properties|null|undefined} floatList
         * @memberof tensorflow.Feature
         * @instance
         */
        Feature.prototype.floatList = null;

        /**
         * Feature int64List.
         * @member {tensorflow.Int64List.$Properties|null|undefined} int64List
         * @memberof tensorflow.Feature
         * @instance
         */
        Feature.prototype.int64List = null;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        /**
         * Feature kind.
         * @member {"bytesList"|"floatList"|"int64List"|undefined} kind
         * @memberof tensorflow.Feature
         * @instance
         */
        $Object.defineProperty(Feature.prototype, "kind", {
            get: $util.oneOfGetter($oneOfFields = ["bytesList", "floatList", "int64List"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Encodes the specified Feature message. Does not implicitly {@link tensorflow.Feature.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.Feature
         * @static
         * @param {tensorflow.Feature.$Properties} message Feature message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Feature.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.bytesList != null && $Object.hasOwnProperty.call(message, "bytesList"))
                $root.tensorflow.BytesList.encode(message.bytesList, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.floatList != null && $Object.hasOwnProperty.call(message, "floatList"))
                $root.tensorflow.FloatList.encode(message.floatList, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.int64List != null && $Object.hasOwnProperty.call(message, "int64List"))
                $root.tensorflow.Int64List.encode(message.int64List, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Feature message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.Feature
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.Feature & tensorflow.Feature.$Shape} Feature
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Feature.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.Feature();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.bytesList = $root.tensorflow.BytesList.decode(reader, reader.size(), $undefined, _depth + 1, message.bytesList);
                        message.kind = "bytesList";
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.floatList = $root.tensorflow.FloatList.decode(reader, reader.size(), $undefined, _depth + 1, message.floatList);
                        message.kind = "floatList";
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.int64List = $root.tensorflow.Int64List.decode(reader, reader.size(), $undefined, _depth + 1, message.int64List);
                        message.kind = "int64List";
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Feature message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.Feature
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.Feature} Feature
         */
        Feature.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.Feature)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.Feature: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.Feature();
            if (object.bytesList != null) {
                if (!$util.isObject(object.bytesList))
                    throw $TypeError(".tensorflow.Feature.bytesList: object expected");
                message.bytesList = $root.tensorflow.BytesList.fromObject(object.bytesList, _depth + 1);
            }
            if (object.floatList != null) {
                if (!$util.isObject(object.floatList))
                    throw $TypeError(".tensorflow.Feature.floatList: object expected");
                message.floatList = $root.tensorflow.FloatList.fromObject(object.floatList, _depth + 1);
            }
            if (object.int64List != null) {
                if (!$util.isObject(object.int64List))
                    throw $TypeError(".tensorflow.Feature.int64List: object expected");
                message.int64List = $root.tensorflow.Int64List.fromObject(object.int64List, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a Feature message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.Feature
         * @static
         * @param {tensorflow.Feature} message Feature
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Feature.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (message.bytesList != null && $Object.hasOwnProperty.call(message, "bytesList")) {
                object.bytesList = $root.tensorflow.BytesList.toObject(message.bytesList, options, _depth + 1);
                if (options.oneofs)
                    object.kind = "bytesList";
            }
            if (message.floatList != null && $Object.hasOwnProperty.call(message, "floatList")) {
                object.floatList = $root.tensorflow.FloatList.toObject(message.floatList, options, _depth + 1);
                if (options.oneofs)
                    object.kind = "floatList";
            }
            if (message.int64List != null && $Object.hasOwnProperty.call(message, "int64List")) {
                object.int64List = $root.tensorflow.Int64List.toObject(message.int64List, options, _depth + 1);
                if (options.oneofs)
                    object.kind = "int64List";
            }
            return object;
        };

        /**
         * Converts this Feature to JSON.
         * @function toJSON
         * @memberof tensorflow.Feature
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Feature.prototype.toJSON = function() {
            return Feature.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Feature;
    })();

    tensorflow.Features = (function() {

        /**
         * Properties of a Features.
         * @typedef {Object} tensorflow.Features.$Properties
         * @property {Object.<string,tensorflow.Feature.$Properties>|null} [feature] Features feature
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Features.
         * @memberof tensorflow
         * @interface IFeatures
         * @augments tensorflow.Features.$Properties
         * @deprecated Use tensorflow.Features.$Properties instead.
         */

        /**
         * Shape of a Features.
         * @typedef {{
         *   feature?: Object.<string,tensorflow.Feature.$Shape>|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} tensorflow.Features.$Shape
         */

        /**
         * Constructs a new Features.
         * @memberof tensorflow
         * @classdesc Represents a Features.
         * @constructor
         * @param {tensorflow.Features.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Features = function (properties) {
            this.feature = {};
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Features feature.
         * @member {Object.<string,tensorflow.Feature.$Properties>} feature
         * @memberof tensorflow.Features
         * @instance
         */
        Features.prototype.feature = $util.emptyObject;

        /**
         * Encodes the specified Features message. Does not implicitly {@link tensorflow.Features.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.Features
         * @static
         * @param {tensorflow.Features.$Properties} message Features message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Features.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.feature != null && $Object.hasOwnProperty.call(message, "feature"))
                for (let keys = $Object.keys(message.feature), i = 0; i < keys.length; ++i) {
                    writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                    $root.tensorflow.Feature.encode(message.feature[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                }
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Features message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.Features
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.Features & tensorflow.Features.$Shape} Features
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Features.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, key, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.Features();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (message.feature === $util.emptyObject)
                            message.feature = {};
                        let end2 = reader.size() + reader.pos;
                        if (end2 > reader.len)
                            throw $RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.tag();
                            wireType = tag2 & 7;
                            switch (tag2 >>>= 3) {
                            case 1:
                                if (wireType !== 2)
                                    break;
                                key = reader.stringVerify();
                                continue;
                            case 2:
                                if (wireType !== 2)
                                    break;
                                value = $root.tensorflow.Feature.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                continue;
                            }
                            reader.skipType(wireType, _depth, tag2);
                        }
                        if (reader.pos !== end2)
                            throw $RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.feature, key);
                        message.feature[key] = value || new $root.tensorflow.Feature();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Features message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.Features
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.Features} Features
         */
        Features.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.Features)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.Features: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.Features();
            if (object.feature) {
                if (!$util.isObject(object.feature))
                    throw $TypeError(".tensorflow.Features.feature: object expected");
                message.feature = {};
                for (let keys = $Object.keys(object.feature), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.feature, keys[i]);
                    if (!$util.isObject(object.feature[keys[i]]))
                        throw $TypeError(".tensorflow.Features.feature: object expected");
                    message.feature[keys[i]] = $root.tensorflow.Feature.fromObject(object.feature[keys[i]], _depth + 1);
                }
            }
            return message;
        };

        /**
         * Creates a plain object from a Features message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.Features
         * @static
         * @param {tensorflow.Features} message Features
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Features.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.objects || options.defaults)
                object.feature = {};
            let keys2;
            if (message.feature && (keys2 = $Object.keys(message.feature)).length) {
                object.feature = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.feature, keys2[j]);
                    object.feature[keys2[j]] = $root.tensorflow.Feature.toObject(message.feature[keys2[j]], options, _depth + 1);
                }
            }
            return object;
        };

        /**
         * Converts this Features to JSON.
         * @function toJSON
         * @memberof tensorflow.Features
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Features.prototype.toJSON = function() {
            return Features.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Features;
    })();

    tensorflow.FeatureList = (function() {

        /**
         * Properties of a FeatureList.
         * @typedef {Object} tensorflow.FeatureList.$Properties
         * @property {Array.<tensorflow.Feature.$Properties>|null} [feature] FeatureList feature
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FeatureList.
         * @memberof tensorflow
         * @interface IFeatureList
         * @augments tensorflow.FeatureList.$Properties
         * @deprecated Use tensorflow.FeatureList.$Properties instead.
         */

        /**
         * Shape of a FeatureList.
         * @typedef {{
         *   feature?: Array.<tensorflow.Feature.$Shape>|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} tensorflow.FeatureList.$Shape
         */

        /**
         * Constructs a new FeatureList.
         * @memberof tensorflow
         * @classdesc Represents a FeatureList.
         * @constructor
         * @param {tensorflow.FeatureList.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FeatureList = function (properties) {
            this.feature = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FeatureList feature.
         * @member {Array.<tensorflow.Feature.$Properties>} feature
         * @memberof tensorflow.FeatureList
         * @instance
         */
        FeatureList.prototype.feature = $util.emptyArray;

        /**
         * Encodes the specified FeatureList message. Does not implicitly {@link tensorflow.FeatureList.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.FeatureList
         * @static
         * @param {tensorflow.FeatureList.$Properties} message FeatureList message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FeatureList.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.feature != null && message.feature.length)
                for (let i = 0; i < message.feature.length; ++i)
                    $root.tensorflow.Feature.encode(message.feature[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FeatureList message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.FeatureList
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.FeatureList & tensorflow.FeatureList.$Shape} FeatureList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FeatureList.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.FeatureList();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.feature && message.feature.length))
                            message.feature = [];
                        message.feature.push($root.tensorflow.Feature.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a FeatureList message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.FeatureList
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.FeatureList} FeatureList
         */
        FeatureList.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.FeatureList)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.FeatureList: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.FeatureList();
            if (object.feature) {
                if (!$Array.isArray(object.feature))
                    throw $TypeError(".tensorflow.FeatureList.feature: array expected");
                message.feature = $Array(object.feature.length);
                for (let i = 0; i < object.feature.length; ++i) {
                    if (!$util.isObject(object.feature[i]))
                        throw $TypeError(".tensorflow.FeatureList.feature: object expected");
                    message.feature[i] = $root.tensorflow.Feature.fromObject(object.feature[i], _depth + 1);
                }
            }
            return message;
        };

        /**
         * Creates a plain object from a FeatureList message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.FeatureList
         * @static
         * @param {tensorflow.FeatureList} message FeatureList
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        FeatureList.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.feature = [];
            if (message.feature && message.feature.length) {
                object.feature = $Array(message.feature.length);
                for (let j = 0; j < message.feature.length; ++j)
                    object.feature[j] = $root.tensorflow.Feature.toObject(message.feature[j], options, _depth + 1);
            }
            return object;
        };

        /**
         * Converts this FeatureList to JSON.
         * @function toJSON
         * @memberof tensorflow.FeatureList
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        FeatureList.prototype.toJSON = function() {
            return FeatureList.toObject(this, $protobuf.util.toJSONOptions);
        };

        return FeatureList;
    })();

    tensorflow.FeatureLists = (function() {

        /**
         * Properties of a FeatureLists.
         * @typedef {Object} tensorflow.FeatureLists.$Properties
         * @property {Object.<string,tensorflow.FeatureList.$Properties>|null} [featureList] FeatureLists featureList
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FeatureLists.
         * @memberof tensorflow
         * @interface IFeatureLists
         * @augments tensorflow.FeatureLists.$Properties
         * @deprecated Use tensorflow.FeatureLists.$Properties instead.
         */

        /**
         * Shape of a FeatureLists.
         * @typedef {{
         *   featureList?: Object.<string,tensorflow.FeatureList.$Shape>|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} tensorflow.FeatureLists.$Shape
         */

        /**
         * Constructs a new FeatureLists.
         * @memberof tensorflow
         * @classdesc Represents a FeatureLists.
         * @constructor
         * @param {tensorflow.FeatureLists.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FeatureLists = function (properties) {
            this.featureList = {};
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FeatureLists featureList.
         * @member {Object.<string,tensorflow.FeatureList.$Properties>} featureList
         * @memberof tensorflow.FeatureLists
         * @instance
         */
        FeatureLists.prototype.featureList = $util.emptyObject;

        /**
         * Encodes the specified FeatureLists message. Does not implicitly {@link tensorflow.FeatureLists.verify|verify} messages.
         * @function encode
         * @memberof tensorflow.FeatureLists
         * @static
         * @param {tensorflow.FeatureLists.$Properties} message FeatureLists message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FeatureLists.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.featureList != null && $Object.hasOwnProperty.call(message, "featureList"))
                for (let keys = $Object.keys(message.featureList), i = 0; i < keys.length; ++i) {
                    writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                    $root.tensorflow.FeatureList.encode(message.featureList[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                }
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FeatureLists message from the specified reader or buffer.
         * @function decode
         * @memberof tensorflow.FeatureLists
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {tensorflow.FeatureLists & tensorflow.FeatureLists.$Shape} FeatureLists
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FeatureLists.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, key, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.tensorflow.FeatureLists();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (message.featureList === $util.emptyObject)
                            message.featureList = {};
                        let end2 = reader.size() + reader.pos;
                        if (end2 > reader.len)
                            throw $RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.tag();
                            wireType = tag2 & 7;
                            switch (tag2 >>>= 3) {
                            case 1:
                                if (wireType !== 2)
                                    break;
                                key = reader.stringVerify();
                                continue;
                            case 2:
                                if (wireType !== 2)
                                    break;
                                value = $root.tensorflow.FeatureList.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                continue;
                            }
                            reader.skipType(wireType, _depth, tag2);
                        }
                        if (reader.pos !== end2)
                            throw $RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.featureList, key);
                        message.featureList[key] = value || new $root.tensorflow.FeatureList();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a FeatureLists message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof tensorflow.FeatureLists
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {tensorflow.FeatureLists} FeatureLists
         */
        FeatureLists.fromObject = function (object, _depth) {
            if (object instanceof $root.tensorflow.FeatureLists)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".tensorflow.FeatureLists: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.tensorflow.FeatureLists();
            if (object.featureList) {
                if (!$util.isObject(object.featureList))
                    throw $TypeError(".tensorflow.FeatureLists.featureList: object expected");
                message.featureList = {};
                for (let keys = $Object.keys(object.featureList), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.featureList, keys[i]);
                    if (!$util.isObject(object.featureList[keys[i]]))
                        throw $TypeError(".tensorflow.FeatureLists.featureList: object expected");
                    message.featureList[keys[i]] = $root.tensorflow.FeatureList.fromObject(object.featureList[keys[i]], _depth + 1);
                }
            }
            return message;
        };

        /**
         * Creates a plain object from a FeatureLists message. Also converts values to other types if specified.
         * @function toObject
         * @memberof tensorflow.FeatureLists
         * @static
         * @param {tensorflow.FeatureLists} message FeatureLists
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        FeatureLists.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.objects || options.defaults)
                object.featureList = {};
            let keys2;
            if (message.featureList && (keys2 = $Object.keys(message.featureList)).length) {
                object.featureList = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.featureList, keys2[j]);
                    object.featureList[keys2[j]] = $root.tensorflow.FeatureList.toObject(message.featureList[keys2[j]], options, _depth + 1);
                }
            }
            return object;
        };

        /**
         * Converts this FeatureLists to JSON.
         * @function toJSON
         * @memberof tensorflow.FeatureLists
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        FeatureLists.prototype.toJSON = function() {
            return FeatureLists.toObject(this, $protobuf.util.toJSONOptions);
        };

        return FeatureLists;
    })();

    return tensorflow;
})();

export {
  $root as default
};
