import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiExceptionFilter } from './common/api-exception.filter';
import {
  BODY_LIMIT_BYTES,
  bodyParserErrors,
  rejectOversizedBodies,
  requireJsonBodies,
} from './common/body-guards';
import { apiValidationPipe } from './common/validation';

/** Everything about the HTTP surface that main.ts and the e2e tests must share. */
export function configureApi(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(rejectOversizedBodies);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.use(bodyParserErrors);
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  const doc = new DocumentBuilder()
    .setTitle('TipTrace API')
    .setDescription('Tip intake, triage, case linkage and outcome tracking')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
}
