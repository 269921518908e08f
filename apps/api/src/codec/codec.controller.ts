import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { APP_CONFIG, requirePayloadKeys, type AppConfig } from '@salur/libs/config';
import { ValidationFailed } from '@salur/libs/domain/errors';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '@salur/libs/temporal/payload-codec';
import { ReadsOnly, Roles } from '../auth/access.decorators';
import { parseCodecBody, toCodecBody, type CodecBody } from './codec-body';

/**
 * Temporal's codec protocol over the payload codec: the Web UI (started with
 * `--ui-codec-endpoint <API>/codec`) and `temporal workflow show --codec-endpoint` send the
 * encrypted payloads of a history here and show what comes back. Only the auditor and
 * dinsos_admin see workflow payloads in clear; everyone else keeps seeing ciphertext.
 */
@ApiTags('codec')
@ApiBearerAuth()
@Controller('codec')
@Roles('auditor', 'dinsos_admin')
@ReadsOnly()
export class CodecController {
  private readonly codec: AesGcmPayloadCodec;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.codec = new AesGcmPayloadCodec(requirePayloadKeys(config));
  }

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt workflow payloads (Temporal codec protocol)' })
  decode(@Body() body: unknown, @Headers('x-namespace') namespace?: string): Promise<CodecBody> {
    return this.run(body, namespace, (payloads) => this.codec.decode(payloads));
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt payloads with the current key (Temporal codec protocol)' })
  encode(@Body() body: unknown, @Headers('x-namespace') namespace?: string): Promise<CodecBody> {
    return this.run(body, namespace, (payloads) => this.codec.encode(payloads));
  }

  private async run(
    body: unknown,
    namespace: string | undefined,
    step: (payloads: Payload[]) => Promise<Payload[]>,
  ): Promise<CodecBody> {
    if (namespace !== undefined && namespace !== this.config.temporal.namespace) {
      throw new ValidationFailed([
        {
          field: 'X-Namespace',
          reason: `this API holds the keys of namespace "${this.config.temporal.namespace}" only`,
        },
      ]);
    }
    const payloads = parseCodecBody(body);
    try {
      return toCodecBody(await step(payloads));
    } catch (error) {
      // Names the key id and what is wrong, never any content.
      if (error instanceof PayloadDecryptionError) {
        throw new ValidationFailed([{ field: 'payloads', reason: error.message }]);
      }
      throw error;
    }
  }
}
