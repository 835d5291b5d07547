/**
 * HiT-MAC's directional sensor network ({@code ENV/DigitalPose2D} of XuJing1022/HiT-MAC) in pure
 * Java: the environment the published coordinator and executor act in, the baselines, and the
 * networks wired as the repository runs them at test time.
 */
package org.sdzoo.zoo.models.hitmac.dsn;
