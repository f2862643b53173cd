// grpc-js service definitions for the services this plugin serves, built from protobufjs JSON
// descriptors (see scripts/lib/proto-to-json.cjs). Messages cross into TypeScript with snake_case
// field names, enums as names, int64 as number, bytes as Buffer and defaults filled in, which is
// what ./messages.ts describes.

import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import type { IConversionOptions, Type } from 'protobufjs/light';
import { Root } from 'protobufjs/light';
import goPluginDescriptor from './go_plugin.proto';
import healthDescriptor from './health.proto';
import tfplugin6Descriptor from './tfplugin6.proto';

const TO_OBJECT: IConversionOptions = { enums: String, longs: Number, defaults: true, oneofs: true };

function serializerFor(type: Type): (message: object) => Buffer {
  // fromObject turns enum names into numbers and plain objects into messages.
  return (message) => Buffer.from(type.encode(type.fromObject(message)).finish());
}

function deserializerFor(type: Type): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), TO_OBJECT);
}

function serviceDefinition(root: Root, serviceName: string): ServiceDefinition {
  const service = root.lookupService(serviceName);
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const requestType = method.resolvedRequestType;
    const responseType = method.resolvedResponseType;
    if (!requestType || !responseType) throw new Error(`unresolved types for ${serviceName}.${method.name}`);
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: serializerFor(requestType),
      requestDeserialize: deserializerFor(requestType),
      responseSerialize: serializerFor(responseType),
      responseDeserialize: deserializerFor(responseType),
      originalName: method.name,
    };
  }
  return definition;
}

export interface PluginServiceDefinitions {
  provider: ServiceDefinition;
  controller: ServiceDefinition;
  stdio: ServiceDefinition;
  health: ServiceDefinition;
}

let cached: PluginServiceDefinitions | undefined;

export function pluginServiceDefinitions(): PluginServiceDefinitions {
  if (cached) return cached;
  const tfplugin6 = Root.fromJSON(tfplugin6Descriptor);
  const goPlugin = Root.fromJSON(goPluginDescriptor);
  const health = Root.fromJSON(healthDescriptor);
  cached = {
    provider: serviceDefinition(tfplugin6, 'tfplugin6.Provider'),
    controller: serviceDefinition(goPlugin, 'plugin.GRPCController'),
    stdio: serviceDefinition(goPlugin, 'plugin.GRPCStdio'),
    health: serviceDefinition(health, 'grpc.health.v1.Health'),
  };
  return cached;
}
