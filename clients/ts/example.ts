// A typed use of the client generated from openapi.yaml (scripts/ts-check generates
// generated/api.d.ts with openapi-typescript and compiles this file with tsc --strict).
// A resident logs in with a development code, claims a dwelling and casts a ballot; a wrong
// field name or a missing required field would not compile.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api";

type Ballot = components["schemas"]["BallotRequest"];
type Problem = components["schemas"]["Problem"];

export async function voteFor(baseUrl: string, consultationId: string, itemId: string): Promise<string> {
  const api = createClient<paths>({ baseUrl });
  const login = await api.POST("/api/v1/auth/wechat", { body: { code: "dev:zhangsan" } });
  if (!login.data) throw new Error(`login refused: ${(login.error as Problem | undefined)?.code}`);
  const headers = { authorization: `Bearer ${login.data.access_token}` };
  const ballot: Ballot = { choices: { [itemId]: { choice: "support", priority: 1, copay: "yes" } }, comment: "先修屋顶" };
  const cast = await api.POST("/api/v1/consultations/{id}/ballot", {
    params: { path: { id: consultationId }, header: { "Idempotency-Key": "example-1" } },
    body: ballot,
    headers,
  });
  if (!cast.data) throw new Error(`ballot refused: ${(cast.error as Problem | undefined)?.code}`);
  const tally = await api.GET("/api/v1/consultations/{id}/participation", { params: { path: { id: consultationId } }, headers });
  console.log(tally.data);
  return cast.data.receipt;
}
