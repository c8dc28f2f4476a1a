import { classify } from '@parlance/signals';
import type { Command } from 'commander';

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description(
      'show which interests a message would produce (or that it is sensitive), as JSON; nothing is stored',
    )
    .argument('<text>', 'the message to classify')
    .action((text: string) => {
      console.log(JSON.stringify(classify(text), null, 2));
    });
}
