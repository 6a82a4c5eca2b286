import 'reflect-metadata';

/** What an HTTP app's OpenAPI document says about itself; the same in production and in tests. */
export interface ApiInfo {
  title: string;
  description: string;
}

const API_INFO = Symbol('arbiter:api-info');

/** On an HTTP app's root module: the app serves an OpenAPI document with this title. */
export const ApiDocument =
  (info: ApiInfo): ClassDecorator =>
  (target) =>
    Reflect.defineMetadata(API_INFO, info, target);

/** The document info of an app's root module, or undefined for an app that serves no document (the workers). */
export function apiInfoOf(module: object): ApiInfo | undefined {
  return Reflect.getMetadata(API_INFO, module) as ApiInfo | undefined;
}
