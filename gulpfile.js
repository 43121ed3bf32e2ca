// Copies the static files tsc does not emit (node and credential icons) next to the compiled code in dist/.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyFrom(folder) {
	const copy = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	copy.displayName = `copy ${folder} icons`;
	return copy;
}

task('build:icons', parallel(copyFrom('nodes'), copyFrom('credentials')));
